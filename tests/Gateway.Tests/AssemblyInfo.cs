// The tests time how fast a replica leaves and rejoins the rotation; on a shared 2-core machine,
// classes running side by side would stretch those times.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
