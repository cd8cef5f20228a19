// Each collection starts a whole platform; two at once on a small machine would only slow both down.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
