// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Diagnostics;
using System.IO;
using System.Net.Sockets;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>Makes the special files of Linux and macOS in a test's own folder, never at a system path.</summary>
internal static class SpecialFiles
{
    public static string Fifo(string path)
    {
        using Process process = Process.Start(new ProcessStartInfo("mkfifo", new[] { path }) { UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new IOException("mkfifo " + path + " failed");
        }

        return path;
    }

    /// <summary>A Unix socket bound at the path; its file exists while the socket is open.</summary>
    public static Socket Socket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    /// <summary>Starts a process that writes zeros into a FIFO without end once someone opens it for reading.</summary>
    public static Process EndlessWriter(string fifo) =>
        Process.Start(new ProcessStartInfo("sh", new[] { "-c", "cat /dev/zero > \"$0\"", fifo }) { UseShellExecute = false })!;
}
