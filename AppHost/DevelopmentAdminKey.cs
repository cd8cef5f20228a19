namespace Platform.AppHost;

/// <summary>
/// The first run's admin key: keys-api creates the development account and its admin key on an empty
/// platform and leaves the key in a one-off owner-only file; once all is healthy we print it once,
/// keep it in <see cref="DistributedApplication.Items"/> for tests, and delete the file. With it we create
/// the development user (<see cref="DevelopmentUser"/>), printed next to it.
/// </summary>
public static class DevelopmentAdminKey
{
    public const string Setting = "Keys__Bootstrap__SecretFile";
    public const string ItemName = "admin-key";

    public static string HandOffFile() => Path.Combine(Path.GetTempPath(), $"platform-admin-key-{Guid.NewGuid():N}");

    public static Func<DistributedApplication, CancellationToken, Task> AnnounceFrom(string file) => async (app, ct) =>
    {
        if (!File.Exists(file)) return; // not the first run: the platform already has its account
        var lines = await File.ReadAllLinesAsync(file, ct);
        File.Delete(file);
        var (account, adminKey) = (lines[0], lines[1]);
        app.Items[ItemName] = adminKey;
        var user = await DevelopmentUser.CreateAsync(app, adminKey, ct);
        if (user is not null) app.Items[DevelopmentUser.ItemName] = user;
        Console.WriteLine();
        Console.WriteLine($"First run: created the development account {account}.");
        Console.WriteLine($"Its admin key (keys:manage), shown once, keep it now: {adminKey}");
        if (user is not null)
            Console.WriteLine($"Dashboard sign-in ({app.GetEndpoint("gateway").GetLeftPart(UriPartial.Authority)}/dashboard), shown once: {user.Email} / {user.Password}");
        Console.WriteLine();
    };
}
