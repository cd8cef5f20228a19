namespace Platform.Hosting.Orchestration;

/// <summary>Orders runners so that each comes after what it depends on; refuses cycles.</summary>
internal static class DependencyGraph
{
    public static IReadOnlyList<ResourceRunner> Order(IReadOnlyList<ResourceRunner> runners, OrchestratorContext context)
    {
        var ordered = new List<ResourceRunner>();
        var done = new HashSet<ResourceRunner>();
        var path = new List<ResourceRunner>();

        void Visit(ResourceRunner runner)
        {
            if (done.Contains(runner)) return;
            if (path.Contains(runner))
                throw new DistributedApplicationException(
                    "resources wait for each other: " + string.Join(" -> ", path.SkipWhile(r => r != runner).Append(runner).Select(r => r.Name)));
            path.Add(runner);
            foreach (var dependency in runner.DependsOn) Visit(context.Runner(dependency));
            path.RemoveAt(path.Count - 1);
            done.Add(runner);
            ordered.Add(runner);
        }

        foreach (var runner in runners) Visit(runner);
        return ordered;
    }
}
