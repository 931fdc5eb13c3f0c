// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using CsCertificate.Resources;

namespace CsCertificate.DnsProtocol;

/// <summary>
/// Sends a DNS message and returns the answer (RFC 1035 §4.2): over UDP, sent again once if no answer comes, and
/// over TCP when the message is too long for UDP or the answer comes truncated (RFC 7766). Answers that are not to
/// this message (another id, not a response) are ignored. Cancellation ends a wait at once.
/// </summary>
internal static class DnsTransport
{
    private const int MaxUdpMessage = 512;
    private static readonly TimeSpan s_slice = TimeSpan.FromMilliseconds(50);

    /// <exception cref="DnsException">The server did not answer in time, refused the connection, or answered with something that is not DNS.</exception>
    /// <exception cref="OperationCanceledException">The command was stopped.</exception>
    public static byte[] Exchange(IPEndPoint server, byte[] request, TimeSpan timeout, CancellationToken cancel)
    {
        byte[]? answer = request.Length <= MaxUdpMessage ? ExchangeUdp(server, request, timeout, cancel) : null;
        return answer ?? ExchangeTcp(server, request, timeout, cancel);
    }

    /// <returns>The answer, or null when it came truncated.</returns>
    private static byte[]? ExchangeUdp(IPEndPoint server, byte[] request, TimeSpan timeout, CancellationToken cancel)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // Connected, so that a closed port is reported at once (ICMP port unreachable) instead of waited for.
            socket.Connect(server);
            var clock = Stopwatch.StartNew();
            var buffer = new byte[ushort.MaxValue];

            // One send, then once more after a third of the time: UDP may lose either.
            TimeSpan resendAt = TimeSpan.FromTicks(timeout.Ticks / 3);
            bool resent = false;
            socket.Send(request);

            // One receive outstanding at a time, waited for in short slices (not a blocking receive with a timeout,
            // which leaves a Windows socket in an undefined state when it expires); the socket's disposal ends the last.
            Task<int> receive = socket.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None);
            while (true)
            {
                cancel.ThrowIfCancellationRequested();
                TimeSpan elapsed = clock.Elapsed;
                if (elapsed >= timeout)
                {
                    throw new DnsException(Messages.Format(Strings.DnsNoAnswer, server, Math.Round(timeout.TotalSeconds, 1)));
                }

                if (!resent && elapsed >= resendAt)
                {
                    resent = true;
                    socket.Send(request);
                }

                if (!((IAsyncResult)receive).AsyncWaitHandle.WaitOne(s_slice))
                {
                    continue;
                }

                int length = receive.GetAwaiter().GetResult();
                if (IsAnswerTo(request, buffer, length))
                {
                    byte[] answer = new byte[length];
                    Buffer.BlockCopy(buffer, 0, answer, 0, length);
                    return (answer[2] & 0x02) != 0 ? null : answer;
                }

                receive = socket.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None);
            }
        }
        catch (SocketException ex)
        {
            throw new DnsException(Messages.Format(Strings.DnsServerFailed, server, ex.Message), ex);
        }
    }

    private static byte[] ExchangeTcp(IPEndPoint server, byte[] request, TimeSpan timeout, CancellationToken cancel)
    {
        using var client = new TcpClient(server.AddressFamily);
        using CancellationTokenRegistration closeOnStop = cancel.Register(client.Close);
        try
        {
            if (!client.ConnectAsync(server.Address, server.Port).Wait(timeout))
            {
                throw new DnsException(Messages.Format(Strings.DnsNoAnswer, server, Math.Round(timeout.TotalSeconds, 1)));
            }

            NetworkStream stream = client.GetStream();
            stream.ReadTimeout = (int)timeout.TotalMilliseconds;
            stream.WriteTimeout = (int)timeout.TotalMilliseconds;
            byte[] framed = new byte[request.Length + 2];
            framed[0] = (byte)(request.Length >> 8);
            framed[1] = (byte)request.Length;
            Buffer.BlockCopy(request, 0, framed, 2, request.Length);
            stream.Write(framed, 0, framed.Length);

            byte[] prefix = ReadExactly(stream, 2, server);
            int length = (prefix[0] << 8) | prefix[1];
            byte[] answer = ReadExactly(stream, length, server);
            if (!IsAnswerTo(request, answer, answer.Length))
            {
                throw new DnsException(Messages.Format(Strings.DnsAnswerUnreadable, server, Strings.DnsReasonNotAnAnswer));
            }

            return answer;
        }
        catch (Exception ex) when (cancel.IsCancellationRequested && !(ex is OperationCanceledException))
        {
            throw new OperationCanceledException(cancel);
        }
        catch (AggregateException ex) when (ex.InnerException is SocketException socketError)
        {
            throw new DnsException(Messages.Format(Strings.DnsServerFailed, server, socketError.Message), socketError);
        }
        catch (IOException ex)
        {
            throw new DnsException(Messages.Format(Strings.DnsServerFailed, server, (ex.InnerException ?? ex).Message), ex);
        }
        catch (SocketException ex)
        {
            throw new DnsException(Messages.Format(Strings.DnsServerFailed, server, ex.Message), ex);
        }
    }

    private static byte[] ReadExactly(Stream stream, int count, IPEndPoint server)
    {
        byte[] bytes = new byte[count];
        int read = 0;
        while (read < count)
        {
            int n = stream.Read(bytes, read, count - read);
            if (n == 0)
            {
                throw new DnsException(Messages.Format(Strings.DnsAnswerUnreadable, server, Strings.DnsReasonClosed));
            }

            read += n;
        }

        return bytes;
    }

    /// <summary>Same id, the response flag, and the same opcode as the request.</summary>
    private static bool IsAnswerTo(byte[] request, byte[] answer, int length) =>
        length >= 12 && answer[0] == request[0] && answer[1] == request[1] && (answer[2] & 0x80) != 0 && (answer[2] & 0x78) == (request[2] & 0x78);
}
