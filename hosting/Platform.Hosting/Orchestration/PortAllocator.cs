namespace Platform.Hosting.Orchestration;

/// <summary>Hands out loopback ports: a fixed one after checking it is free, else a free one never given twice.</summary>
internal sealed class PortAllocator(bool randomize)
{
    private readonly HashSet<int> _given = [];

    public int Allocate(string owner, int? fixedPort)
    {
        lock (_given)
        {
            if (fixedPort is { } port && !randomize)
            {
                if (!_given.Add(port) || !LoopbackPorts.IsFree(port)) throw new DistributedApplicationException($"{owner}: port {port} is already in use");
                return port;
            }
            while (true)
            {
                var free = LoopbackPorts.Free();
                if (_given.Add(free)) return free;
            }
        }
    }
}
