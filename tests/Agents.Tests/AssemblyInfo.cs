// Test classes share one database and reset it between tests: running them in parallel would let one
// class wipe another's credentials mid-test.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
