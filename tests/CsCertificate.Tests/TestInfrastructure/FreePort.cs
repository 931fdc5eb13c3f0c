// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>A loopback port nothing listens on now, for a responder a test starts.</summary>
internal static class FreePort
{
    public static int OnLoopback()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
