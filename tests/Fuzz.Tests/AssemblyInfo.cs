using Platform.EndToEnd.Tests;

// One platform for the whole suite: every test class receives it in its constructor.
[assembly: AssemblyFixture(typeof(PlatformFixture))]
