// One set of hosts and one database for every class: running them in parallel would only share two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
