using Platform.EndToEnd.Tests;

// One platform for the whole suite: every test class receives it in its constructor.
[assembly: AssemblyFixture(typeof(PlatformFixture))]

// One route at a time: a route's refused batch is compared against store snapshots, which another route's writes would blur.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
