using System.Net;
using System.Net.Sockets;

namespace Kring.Cluster.Tests.Processes;

/// <summary>
/// Free loopback ports for the processes. They come from below Linux's ephemeral range (32768 and up), so an outgoing
/// connection cannot take one between the test choosing it and a restarted process binding it again; and no port is
/// handed out twice in one test run.
/// </summary>
public static class Ports
{
    private static readonly HashSet<int> Given = [];
    private static readonly Random Random = new();

    public static int Free()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Next(20000, 32000);
                if (Given.Contains(port) || !CanListen(port)) continue;
                Given.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException("No free port between 20000 and 32000.");
    }

    private static bool CanListen(int port)
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
}
