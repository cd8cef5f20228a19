using System.Net;
using System.Net.Sockets;

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
                if (!_given.Add(port) || !IsFree(port)) throw new DistributedApplicationException($"{owner}: port {port} is already in use");
                return port;
            }
            while (true)
            {
                var free = FreePort();
                if (_given.Add(free)) return free;
            }
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
