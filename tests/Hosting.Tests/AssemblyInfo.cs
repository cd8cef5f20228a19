// Each test starts real processes (PostgreSQL, web apps); one at a time suits a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
