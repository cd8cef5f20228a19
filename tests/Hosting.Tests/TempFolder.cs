namespace Hosting.Tests;

/// <summary>A throw-away folder the postgres account can traverse when the tests run as root.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hosting-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
        File.SetUnixFileMode(Path, (UnixFileMode)0b111_101_101);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
