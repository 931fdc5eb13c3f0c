// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using CsCertificate.CaClient.Acme;

namespace CsCertificate.Tests.CaClient.Acme;

/// <summary>A request the client sent to a <see cref="ScriptedAcmeServer"/>, with its flattened JWS read.</summary>
internal sealed class SentAcmeRequest
{
    public SentAcmeRequest(HttpRequestMessage request, string? body)
    {
        Method = request.Method.Method;
        Url = request.RequestUri!.AbsoluteUri;
        Accept = request.Headers.Accept.Select(a => a.MediaType).FirstOrDefault();
        ContentType = request.Content?.Headers.ContentType?.MediaType;
        if (!string.IsNullOrEmpty(body))
        {
            using JsonDocument jws = JsonDocument.Parse(body);
            ProtectedPart = jws.RootElement.GetProperty("protected").GetString()!;
            PayloadPart = jws.RootElement.GetProperty("payload").GetString()!;
            Signature = Base64Url.Decode(jws.RootElement.GetProperty("signature").GetString()!);
            Header = JsonDocument.Parse(Base64Url.Decode(ProtectedPart)).RootElement;
            Payload = Encoding.UTF8.GetString(Base64Url.Decode(PayloadPart));
        }
    }

    public string Method { get; }

    public string Url { get; }

    public string? Accept { get; }

    public string? ContentType { get; }

    /// <summary>Gets the JWS protected header (alg, jwk or kid, nonce, url); default for a GET or HEAD.</summary>
    public JsonElement Header { get; }

    /// <summary>Gets the JWS payload as text: "" for a POST-as-GET.</summary>
    public string? Payload { get; }

    public string ProtectedPart { get; } = string.Empty;

    public string PayloadPart { get; } = string.Empty;

    public byte[] Signature { get; } = Array.Empty<byte>();

    public string? Alg => Member("alg");

    public string? Kid => Member("kid");

    public string? Nonce => Member("nonce");

    /// <summary>Gets the "url" member of the protected header, which must be the URL the request went to.</summary>
    public string? HeaderUrl => Member("url");

    /// <summary>Gets the JWK of a request signed before the account exists (new account), as its JSON text.</summary>
    public string? Jwk => Header.ValueKind == JsonValueKind.Object && Header.TryGetProperty("jwk", out JsonElement jwk) ? jwk.GetRawText() : null;

    public JsonElement PayloadJson => JsonDocument.Parse(Payload!).RootElement;

    private string? Member(string name) =>
        Header.ValueKind == JsonValueKind.Object && Header.TryGetProperty(name, out JsonElement value) ? value.GetString() : null;
}
