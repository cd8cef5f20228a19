// One set of service hosts for the whole run; each test works in an account of its own.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
