// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace FaultProxy;

/// <summary>
/// A TLS proxy for the reliability tests: it forwards every request to pebble with the Host header kept (so
/// pebble's URLs and the JWS "url" stay the proxy's), and, while a rules file exists, breaks the answers it
/// names: drops the connection, sends unreadable or oversized JSON, an HTTP 500, or a certificate for another key.
/// It also stands in for what pebble 2.4 lacks, ACME Renewal Information (RFC 9773): "renewalInfo" adds the
/// resource to the directory, "window" answers it with the rule's start and end, and "refuseReplaces" refuses a new
/// order that says what it replaces (alreadyReplaced). Every new order's "replaces" is written to the output.
/// Usage: FaultProxy --listen PORT --upstream PORT --cert PEM --key PEM --rules JSON
/// Rules: [{"path": "/certZ/", "action": "drop|malformed|oversized|error500|wrongCertificate|renewalInfo|window|refuseReplaces",
///          "start": "RFC 3339 time", "end": "RFC 3339 time"}]
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        string Arg(string name) => args[Array.IndexOf(args, name) + 1];
        int listen = int.Parse(Arg("--listen"));
        int upstream = int.Parse(Arg("--upstream"));
        string rulesPath = Arg("--rules");
        using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(Arg("--cert"), Arg("--key"));
        using var serverCertificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        string trusted = pem.Thumbprint;
        string strangerChain = StrangerChain();

        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == trusted,
        };
        using var http = new HttpClient(handler);
        var listener = new TcpListener(IPAddress.Loopback, listen);
        listener.Start();
        Console.WriteLine($"FaultProxy listening on 127.0.0.1:{listen}, forwarding to 127.0.0.1:{upstream}");
        while (true)
        {
            TcpClient client = await listener.AcceptTcpClientAsync();
            _ = Task.Run(() => Serve(client, http, upstream, serverCertificate, rulesPath, strangerChain));
        }
    }

    private static async Task Serve(TcpClient client, HttpClient http, int upstream, X509Certificate2 certificate, string rulesPath, string strangerChain)
    {
        using (client)
        {
            try
            {
                using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(certificate);
                (string method, string path, string[] headers, byte[] body) = await ReadRequest(tls);
                JsonElement? rule = Rule(rulesPath, path);
                string? action = rule?.GetProperty("action").GetString();
                Console.WriteLine($"{method} {path} -> {action ?? "forward"}");
                if (action == "drop")
                {
                    return;
                }

                string? replaces = Replaces(body);
                if (replaces != null)
                {
                    Console.WriteLine("replaces " + replaces);
                }

                if (action == "window")
                {
                    string window = JsonSerializer.Serialize(new { suggestedWindow = new { start = rule!.Value.GetProperty("start").GetString(), end = rule.Value.GetProperty("end").GetString() } });
                    await Answer(tls, 200, "OK", "application/json", Encoding.UTF8.GetBytes(window));
                    return;
                }

                if (action == "refuseReplaces" && replaces != null)
                {
                    string problem = "{\"type\":\"urn:ietf:params:acme:error:alreadyReplaced\",\"detail\":\"the certificate was already replaced\",\"status\":409}";
                    await Answer(tls, 409, "Conflict", "application/problem+json", Encoding.UTF8.GetBytes(problem));
                    return;
                }

                var request = new HttpRequestMessage(new HttpMethod(method), $"https://127.0.0.1:{upstream}{path}");
                string? contentType = null;
                foreach (string header in headers)
                {
                    int colon = header.IndexOf(':');
                    string name = header.Substring(0, colon).Trim();
                    string value = header.Substring(colon + 1).Trim();
                    if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                    {
                        request.Headers.Host = value;
                    }
                    else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                    {
                        contentType = value;
                    }
                    else if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                    {
                        request.Headers.TryAddWithoutValidation(name, value);
                    }
                }

                if (body.Length > 0 || method == "POST")
                {
                    request.Content = new ByteArrayContent(body);
                    if (contentType != null)
                    {
                        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                    }
                }

                using HttpResponseMessage response = await http.SendAsync(request);
                byte[] answer = await response.Content.ReadAsByteArrayAsync();
                int status = (int)response.StatusCode;
                string? answerType = response.Content.Headers.ContentType?.ToString();
                switch (action)
                {
                    case "malformed":
                        answer = Encoding.ASCII.GetBytes("{\"status\": \"valid\", \"certificate\": ");
                        answerType = "application/json";
                        break;
                    case "oversized":
                        answer = Encoding.ASCII.GetBytes("{\"status\":\"" + new string('x', 2 * 1024 * 1024) + "\"}");
                        answerType = "application/json";
                        break;
                    case "error500":
                        status = 500;
                        answer = Encoding.ASCII.GetBytes("internal error");
                        answerType = "text/plain";
                        break;
                    case "wrongCertificate":
                        answer = Encoding.ASCII.GetBytes(strangerChain);
                        break;
                    case "renewalInfo":
                        JsonObject directory = JsonNode.Parse(answer)!.AsObject();
                        directory["renewalInfo"] = $"https://{request.Headers.Host}/renewal-info";
                        answer = Encoding.UTF8.GetBytes(directory.ToJsonString());
                        break;
                }

                var head = new StringBuilder($"HTTP/1.1 {status} {response.ReasonPhrase}\r\n");
                foreach (var header in response.Headers.Where(h => h.Key != "Transfer-Encoding" && h.Key != "Connection"))
                {
                    head.Append(header.Key).Append(": ").Append(string.Join(", ", header.Value)).Append("\r\n");
                }

                if (answerType != null)
                {
                    head.Append("Content-Type: ").Append(answerType).Append("\r\n");
                }

                head.Append("Content-Length: ").Append(answer.Length).Append("\r\nConnection: close\r\n\r\n");
                byte[] headBytes = Encoding.ASCII.GetBytes(head.ToString());
                await tls.WriteAsync(headBytes);
                await tls.WriteAsync(answer);
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is HttpRequestException || ex is System.Security.Authentication.AuthenticationException)
            {
                Console.WriteLine("connection ended: " + ex.Message);
            }
        }
    }

    private static async Task<(string Method, string Path, string[] Headers, byte[] Body)> ReadRequest(Stream stream)
    {
        var buffer = new MemoryStream();
        var one = new byte[1];
        while (!EndsWithBlankLine(buffer) && await stream.ReadAsync(one) == 1)
        {
            buffer.WriteByte(one[0]);
        }

        string[] lines = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] requestLine = lines[0].Split(' ');
        string[] headers = lines.Skip(1).ToArray();
        string? length = headers.FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var body = new byte[length == null ? 0 : int.Parse(length.Substring("Content-Length:".Length).Trim())];
        int read = 0;
        while (read < body.Length)
        {
            int n = await stream.ReadAsync(body.AsMemory(read));
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return (requestLine[0], requestLine[1], headers, body);
    }

    private static bool EndsWithBlankLine(MemoryStream buffer)
    {
        if (buffer.Length < 4)
        {
            return false;
        }

        byte[] bytes = buffer.GetBuffer();
        long n = buffer.Length;
        return bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
    }

    /// <summary>The first rule whose path fragment the request path contains, while the rules file exists.</summary>
    private static JsonElement? Rule(string rulesPath, string path)
    {
        if (!File.Exists(rulesPath))
        {
            return null;
        }

        using JsonDocument rules = JsonDocument.Parse(File.ReadAllText(rulesPath));
        foreach (JsonElement rule in rules.RootElement.EnumerateArray())
        {
            if (path.Contains(rule.GetProperty("path").GetString()!, StringComparison.Ordinal))
            {
                return rule.Clone();
            }
        }

        return null;
    }

    /// <summary>The "replaces" of a JWS whose payload has one (a new order that renews a certificate), or null.</summary>
    private static string? Replaces(byte[] body)
    {
        try
        {
            using JsonDocument jws = JsonDocument.Parse(body);
            string base64 = jws.RootElement.GetProperty("payload").GetString()!.Replace('-', '+').Replace('_', '/');
            using JsonDocument payload = JsonDocument.Parse(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
            return payload.RootElement.ValueKind == JsonValueKind.Object && payload.RootElement.TryGetProperty("replaces", out JsonElement replaces) ? replaces.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is KeyNotFoundException || ex is InvalidOperationException)
        {
            return null; // not a JWS with a JSON payload
        }
    }

    /// <summary>Answers the request itself, without pebble.</summary>
    private static async Task Answer(Stream stream, int status, string reason, string contentType, byte[] body)
    {
        byte[] head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head);
        await stream.WriteAsync(body);
    }

    /// <summary>A certificate chain for a key no request has, to stand in for a CA that returns the wrong certificate.</summary>
    private static string StrangerChain()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 certificate = new CertificateRequest("CN=stranger.invalid", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.ExportCertificatePem() + "\n";
    }
}
