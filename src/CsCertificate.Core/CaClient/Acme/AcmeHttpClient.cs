// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.Serialization;
using System.Text;
using System.Threading;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// The HTTP side of ACME: the directory, nonces, JWS POSTs with badNonce retries, and bounded answers. The
/// server's TLS certificate is validated against the system trust store, always: there is no switch to skip it.
/// Every call ends at once, with <see cref="OperationCanceledException"/>, when the command is stopped.
/// </summary>
internal sealed class AcmeHttpClient : IDisposable
{
    /// <summary>The largest answer read from the server; certificates and orders are a few kilobytes.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    private const int MaxBadNonceRetries = 10;
    private const string JoseJson = "application/jose+json";

    private readonly HttpClient _http;
    private readonly Uri _directoryUrl;
    private readonly Action<string> _verbose;
    private readonly CancellationToken _cancel;
    private AcmeDirectory? _directory;
    private string? _nonce;

    /// <param name="handler">The transport (the platform's, or a test's); disposed with this client.</param>
    /// <param name="directoryUrl">The directory.</param>
    /// <param name="requestTimeout">How long one HTTP exchange may take.</param>
    /// <param name="verbose">The verbose story.</param>
    /// <param name="cancel">The command's stop.</param>
    public AcmeHttpClient(HttpMessageHandler handler, Uri directoryUrl, TimeSpan requestTimeout, Action<string> verbose, CancellationToken cancel)
    {
        _directoryUrl = directoryUrl;
        _verbose = verbose;
        _cancel = cancel;
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = requestTimeout };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("CsCertificate", typeof(AcmeHttpClient).Assembly.GetName().Version?.ToString() ?? "0"));
    }

    public AcmeDirectory Directory
    {
        get
        {
            if (_directory == null)
            {
                AcmeResponse response = Send(new HttpRequestMessage(HttpMethod.Get, _directoryUrl));
                ThrowIfProblem(response);
                AcmeDirectory directory = Read<AcmeDirectory>(response);
                if (directory.NewNonce == null || directory.NewAccount == null || directory.NewOrder == null)
                {
                    throw AcmeProblem.Unreadable(Messages.Format(Strings.AcmeDirectoryIncomplete, _directoryUrl));
                }

                _directory = directory;
            }

            return _directory;
        }
    }

    /// <summary>POSTs a JWS built for a fresh nonce; a badNonce answer is retried with the nonce it carries.</summary>
    /// <exception cref="AcmeProtocolException">The server answered with a problem, or with something unusable.</exception>
    /// <exception cref="AcmeUnreachableException">The server could not be reached.</exception>
    /// <exception cref="OperationCanceledException">The command was stopped.</exception>
    public AcmeResponse Post(string url, Func<string, string> signWithNonce, string? accept = null)
    {
        for (int attempt = 0; ; attempt++)
        {
            string nonce = _nonce ?? NewNonce();
            _nonce = null;
            var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(signWithNonce(nonce), Encoding.UTF8),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(JoseJson);
            if (accept != null)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            }

            AcmeResponse response = Send(request);
            if (!response.IsSuccess && attempt < MaxBadNonceRetries && ProblemOf(response)?.ShortType == "badNonce")
            {
                _verbose(Messages.Format(Strings.AcmeBadNonceRetry, url, attempt + 1));
                continue;
            }

            ThrowIfProblem(response);
            return response;
        }
    }

    /// <summary>An unauthenticated GET, for resources that take no JWS (RFC 9773 renewal information).</summary>
    /// <exception cref="AcmeProtocolException">The server answered with a problem.</exception>
    /// <exception cref="AcmeUnreachableException">The server could not be reached.</exception>
    /// <exception cref="OperationCanceledException">The command was stopped.</exception>
    public AcmeResponse Get(string url)
    {
        AcmeResponse response = Send(new HttpRequestMessage(HttpMethod.Get, url));
        ThrowIfProblem(response);
        return response;
    }

    /// <summary>Reads a JSON answer.</summary>
    /// <exception cref="AcmeProtocolException">The answer is not the JSON expected.</exception>
    public static T Read<T>(AcmeResponse response)
        where T : class
    {
        try
        {
            return DataContractJson.Deserialize<T>(response.Body);
        }
        catch (SerializationException ex)
        {
            throw AcmeProblem.Unreadable(Messages.Format(Strings.AcmeAnswerUnreadable, ex.Message));
        }
    }

    public void Dispose() => _http.Dispose();

    private string NewNonce()
    {
        AcmeResponse response = Send(new HttpRequestMessage(HttpMethod.Head, Directory.NewNonce));
        return response.Nonce ?? throw AcmeProblem.Unreadable(Strings.AcmeNoNonce);
    }

    private AcmeResponse Send(HttpRequestMessage request)
    {
        try
        {
            using HttpResponseMessage message = _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _cancel).ConfigureAwait(false).GetAwaiter().GetResult();
            byte[] body = ReadBounded(message, _http.Timeout, _cancel);
            var response = new AcmeResponse(
                message.StatusCode,
                message.Content?.Headers.ContentType?.MediaType,
                body,
                message.Headers.Location?.ToString(),
                message.Headers.TryGetValues("Replay-Nonce", out var nonces) ? nonces.FirstOrDefault() : null,
                RetryAfter(message.Headers.RetryAfter));
            _nonce = response.Nonce ?? _nonce;
            return response;
        }
        catch (Exception ex) when (_cancel.IsCancellationRequested && (ex is OperationCanceledException || ex is HttpRequestException || ex is IOException))
        {
            // Stopped (Ctrl+C): whatever the transfer was doing, it is the stop, not an outage.
            throw new OperationCanceledException(_cancel);
        }
        catch (HttpRequestException ex) when (TlsFailure.Classify(ex) == TlsFailureKind.Untrusted)
        {
            // A TLS failure is not a passing outage: retrying will not help until the trust is fixed.
            string reason = Innermost(ex).Message;
            throw new AcmeProtocolException(
                new AcmeProblem { Type = AcmeProblem.Prefix + "untrustedServer", Detail = reason },
                Messages.Format(Strings.AcmeServerNotTrusted, request.RequestUri, reason));
        }
        catch (HttpRequestException ex) when (TlsFailure.Classify(ex) == TlsFailureKind.Handshake)
        {
            // No protocol in common: TLS 1.2 disabled on this machine, typically; the configuration's to fix.
            string reason = Innermost(ex).Message;
            throw new AcmeProtocolException(
                new AcmeProblem { Type = TlsFailure.HandshakeProblemType, Detail = reason },
                Messages.Format(Strings.AcmeTlsHandshakeFailed, request.RequestUri, reason));
        }
        catch (HttpRequestException ex)
        {
            throw new AcmeUnreachableException(Messages.Format(Strings.AcmeUnreachable, request.RequestUri, Innermost(ex).Message), ex);
        }
        catch (System.Threading.Tasks.TaskCanceledException ex)
        {
            throw new AcmeUnreachableException(Messages.Format(Strings.AcmeTimedOut, request.RequestUri, (int)_http.Timeout.TotalSeconds), ex);
        }
        catch (IOException ex)
        {
            throw new AcmeUnreachableException(Messages.Format(Strings.AcmeUnreachable, request.RequestUri, ex.Message), ex);
        }
        finally
        {
            request.Dispose();
        }
    }

    /// <summary>
    /// Reads the answer's body, bounded in size and in time: HttpClient's timeout ends at the headers, and .NET
    /// Framework's response streams ignore the token of a read, so the stream is closed when the time is up or the
    /// command is stopped.
    /// </summary>
    private static byte[] ReadBounded(HttpResponseMessage message, TimeSpan timeout, CancellationToken cancel)
    {
        if (message.Content == null)
        {
            return Array.Empty<byte>();
        }

        if (message.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw AcmeProblem.Unreadable(Messages.Format(Strings.AcmeAnswerTooLarge, MaxResponseBytes));
        }

        using Stream stream = message.Content.ReadAsStreamAsync().ConfigureAwait(false).GetAwaiter().GetResult();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        stop.CancelAfter(timeout);
        using CancellationTokenRegistration closeOnStop = stop.Token.Register(stream.Dispose);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = stream.ReadAsync(chunk, 0, chunk.Length, stop.Token).ConfigureAwait(false).GetAwaiter().GetResult()) > 0)
            {
                if (buffer.Length + read > MaxResponseBytes)
                {
                    throw AcmeProblem.Unreadable(Messages.Format(Strings.AcmeAnswerTooLarge, MaxResponseBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (Exception ex) when (stop.IsCancellationRequested && (ex is ObjectDisposedException || ex is OperationCanceledException || ex is IOException))
        {
            cancel.ThrowIfCancellationRequested();
            throw new IOException(Messages.Format(Strings.AcmeBodyTimedOut, (int)timeout.TotalSeconds), ex);
        }

        return buffer.ToArray();
    }

    private static void ThrowIfProblem(AcmeResponse response)
    {
        if (response.IsSuccess)
        {
            return;
        }

        AcmeProblem problem = ProblemOf(response) ?? new AcmeProblem
        {
            Type = AcmeProblem.Prefix + "serverInternal",
            Detail = Messages.Format(Strings.AcmeHttpStatus, (int)response.Status, response.Status),
            Status = (int)response.Status,
        };
        throw new AcmeProtocolException(problem, Messages.Format(Strings.AcmeProblem, problem.Type, problem.Detail));
    }

    private static AcmeProblem? ProblemOf(AcmeResponse response)
    {
        if (response.IsSuccess || response.Body.Length == 0)
        {
            return null;
        }

        try
        {
            AcmeProblem problem = DataContractJson.Deserialize<AcmeProblem>(response.Body);
            return problem.Type == null ? null : problem;
        }
        catch (SerializationException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta != null)
        {
            return header.Delta;
        }

        if (header?.Date != null)
        {
            TimeSpan wait = header.Date.Value - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException != null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
