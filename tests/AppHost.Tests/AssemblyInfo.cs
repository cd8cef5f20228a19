// Each test starts real processes (PostgreSQL, DCP); one at a time suits a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
