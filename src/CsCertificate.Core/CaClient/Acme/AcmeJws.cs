// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Security.Cryptography;
using System.Text;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// Builds the flattened JWS JSON bodies of ACME requests (RFC 8555 §6.2) and External Account Binding (§7.3.4).
/// </summary>
internal static class AcmeJws
{
    /// <summary>A request signed with the account key, identified by its JWK (new account) or its account URL (kid).</summary>
    public static string Sign(AcmeAccountKey key, string url, string nonce, string? kid, string payload)
    {
        string header = kid == null
            ? JsonText.Object(("alg", "ES256"), ("jwk", new JsonText.Raw(key.Jwk)), ("nonce", nonce), ("url", url))
            : JsonText.Object(("alg", "ES256"), ("kid", kid), ("nonce", nonce), ("url", url));
        string protectedPart = Base64Url.Encode(Encoding.UTF8.GetBytes(header));
        string payloadPart = Base64Url.Encode(Encoding.UTF8.GetBytes(payload));
        string signature = Base64Url.Encode(key.Sign(protectedPart + "." + payloadPart));
        return JsonText.Object(("protected", protectedPart), ("payload", payloadPart), ("signature", signature));
    }

    /// <summary>
    /// The externalAccountBinding member of a new-account request: the account JWK signed with HS256 under the
    /// key the CA gave (-CaPassword), identified by its key id (-CaAccount).
    /// </summary>
    public static string ExternalAccountBinding(AcmeAccountKey key, string keyId, byte[] hmacKey, string newAccountUrl)
    {
        string header = JsonText.Object(("alg", "HS256"), ("kid", keyId), ("url", newAccountUrl));
        string protectedPart = Base64Url.Encode(Encoding.UTF8.GetBytes(header));
        string payloadPart = Base64Url.Encode(Encoding.UTF8.GetBytes(key.Jwk));
        using var hmac = new HMACSHA256(hmacKey);
        string signature = Base64Url.Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart)));
        return JsonText.Object(("protected", protectedPart), ("payload", payloadPart), ("signature", signature));
    }
}
