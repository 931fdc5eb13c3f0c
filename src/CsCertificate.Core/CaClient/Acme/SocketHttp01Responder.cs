// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// The http-01 responder of Linux and macOS: a plain socket server rather than HttpListener, so it binds exactly
/// the address it is given. What it answers is <see cref="Http01Responder.Answer"/>.
/// </summary>
/// <remarks>
/// The lookup reads the data folder on every request (<see cref="AcmeChallengeStore.Http01Answer"/>), so one
/// responder answers for every order of the data folder. On Linux and macOS the port is bound with SO_REUSEPORT
/// (what .NET's ReuseAddress sets there), so that several commands of one data folder can each run a responder
/// on it at once and any of them answers; both systems admit that only for sockets of the same user. On Windows
/// (where <see cref="HttpListenerHttp01Responder"/> runs instead) the port would stay exclusive: its SO_REUSEADDR
/// would let any process take the port over.
/// A connection is closed when its time is up by disposing it: .NET Framework's NetworkStream ignores the
/// cancellation token of its reads and writes, so the token alone would not end a client that sends nothing.
/// </remarks>
internal sealed class SocketHttp01Responder : IHttp01Responder
{
    private const int MaxRequestBytes = 8 * 1024;

    /// <summary>How long a client has to send its request and read the answer.</summary>
    public static readonly TimeSpan DefaultConnectionTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener;
    private readonly Func<string, string?> _answerOf;
    private readonly TimeSpan _connectionTimeout;
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly Task _loop;
    private int _answered;

    private SocketHttp01Responder(TcpListener listener, Func<string, string?> answerOf, TimeSpan connectionTimeout)
    {
        _listener = listener;
        _answerOf = answerOf;
        _connectionTimeout = connectionTimeout;
        _loop = Task.Run(AcceptLoop);
    }

    public int Answered => _answered;

    /// <summary>Starts listening.</summary>
    /// <param name="address">The address to bind.</param>
    /// <param name="port">The port to bind.</param>
    /// <param name="answerOf">The key authorization for a token, or null when the token is not being validated.</param>
    /// <param name="connectionTimeout">How long a client may take; <see cref="DefaultConnectionTimeout"/> when null.</param>
    /// <exception cref="SocketException">The address or port cannot be bound (in use, or a privileged port).</exception>
    public static SocketHttp01Responder Start(IPAddress address, int port, Func<string, string?> answerOf, TimeSpan? connectionTimeout = null)
    {
        var listener = new TcpListener(address, port);
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        }

        listener.Start();
        return new SocketHttp01Responder(listener, answerOf, connectionTimeout ?? DefaultConnectionTimeout);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by the listener being stopped under it.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException || ex is InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(_connectionTimeout);

                // Ends a read or write that waits for a client that sends or reads nothing, on every runtime.
                using CancellationTokenRegistration closeOnTimeout = timeout.Token.Register(client.Dispose);
                NetworkStream stream = client.GetStream();
                string[] requestLine = (await ReadRequestLine(stream, timeout.Token).ConfigureAwait(false)).Split(' ');
                string? answer = requestLine.Length == 3 ? Http01Responder.Answer(requestLine[0], requestLine[1], _answerOf) : null;
                byte[] body = Encoding.ASCII.GetBytes(answer ?? "Not found");
                string head = (answer != null ? "HTTP/1.1 200 OK" : "HTTP/1.1 404 Not Found")
                    + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.Length + "\r\nConnection: close\r\n\r\n";
                byte[] headBytes = Encoding.ASCII.GetBytes(head);
                await stream.WriteAsync(headBytes, 0, headBytes.Length, timeout.Token).ConfigureAwait(false);
                await stream.WriteAsync(body, 0, body.Length, timeout.Token).ConfigureAwait(false);
                if (answer != null)
                {
                    Interlocked.Increment(ref _answered);
                }
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is SocketException || ex is ObjectDisposedException || ex is OperationCanceledException || ex is InvalidOperationException)
            {
                // A client that goes away, or is cut off when its time is up, is not our problem; the validator retries.
            }
        }
    }

    /// <summary>Reads the request head (bounded in size; the caller bounds the time) and returns its first line.</summary>
    private static async Task<string> ReadRequestLine(NetworkStream stream, CancellationToken cancel)
    {
        var buffer = new byte[MaxRequestBytes];
        int length = 0;
        while (length < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancel).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n"))
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, length).Split(new[] { "\r\n" }, StringSplitOptions.None)[0];
    }
}
