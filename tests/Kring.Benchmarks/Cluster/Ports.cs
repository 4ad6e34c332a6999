using System.Net;
using System.Net.Sockets;

namespace Kring.Benchmarks.Cluster;

public static class Ports
{
    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
