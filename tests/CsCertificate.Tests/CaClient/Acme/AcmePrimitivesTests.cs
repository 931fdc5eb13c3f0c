// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Runtime.Serialization.Json;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using CsCertificate.CaClient.Acme;
using Xunit;

namespace CsCertificate.Tests.CaClient.Acme;

public sealed class AcmePrimitivesTests
{
    [Theory]
    [InlineData(new byte[0], "")]
    [InlineData(new byte[] { 0xFB }, "-w")]
    [InlineData(new byte[] { 0xFF, 0xEF }, "_-8")]
    [InlineData(new byte[] { 1, 2, 3 }, "AQID")]
    public void Base64UrlHasNoPaddingAndUrlSafeCharacters(byte[] data, string text)
    {
        Assert.Equal(text, Base64Url.Encode(data));
        Assert.Equal(data, Base64Url.Decode(text));
    }

    [Fact]
    public void JsonTextEscapesAndKeepsMemberOrder()
    {
        string json = JsonText.Object(("b", "q\"\\\n\u0001"), ("a", true), ("skip", null), ("list", new object[] { "x", new JsonText.Raw("{}") }));

        Assert.Equal("{\"b\":\"q\\\"\\\\\\n\\u0001\",\"a\":true,\"list\":[\"x\",{}]}", json);
    }

    [Fact]
    public void TheAccountKeyThumbprintIsTheSha256OfItsCanonicalJwk()
    {
        using AcmeAccountKey key = AcmeAccountKey.Create();

        Assert.StartsWith("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"", key.Jwk);
        using var sha = SHA256.Create();
        Assert.Equal(Base64Url.Encode(sha.ComputeHash(Encoding.UTF8.GetBytes(key.Jwk))), key.Thumbprint);
        using AcmeAccountKey again = AcmeAccountKey.FromPkcs8Pem(key.ToPkcs8Pem());
        Assert.Equal(key.Thumbprint, again.Thumbprint);
    }

    [Fact]
    public void AJwsIsSignedWithRawEs256OverProtectedDotPayload()
    {
        using AcmeAccountKey key = AcmeAccountKey.Create();

        XElement jws = Parse(AcmeJws.Sign(key, "https://ca/new-order", "nonce-1", "https://ca/acct/1", "{\"a\":1}"));

        string protectedPart = jws.Element("protected")!.Value;
        string payloadPart = jws.Element("payload")!.Value;
        byte[] signature = Base64Url.Decode(jws.Element("signature")!.Value);
        Assert.Equal(64, signature.Length);
        Assert.Equal("{\"alg\":\"ES256\",\"kid\":\"https://ca/acct/1\",\"nonce\":\"nonce-1\",\"url\":\"https://ca/new-order\"}", Encoding.UTF8.GetString(Base64Url.Decode(protectedPart)));
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(Base64Url.Decode(payloadPart)));
        using ECDsa verifier = PublicKey(key);
        Assert.True(verifier.VerifyData(Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart), signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void ANewAccountJwsCarriesTheJwkInsteadOfAKid()
    {
        using AcmeAccountKey key = AcmeAccountKey.Create();

        XElement jws = Parse(AcmeJws.Sign(key, "https://ca/new-acct", "n", null, string.Empty));

        string header = Encoding.UTF8.GetString(Base64Url.Decode(jws.Element("protected")!.Value));
        Assert.Equal("{\"alg\":\"ES256\",\"jwk\":" + key.Jwk + ",\"nonce\":\"n\",\"url\":\"https://ca/new-acct\"}", header);
        Assert.Equal(string.Empty, jws.Element("payload")!.Value);
    }

    [Fact]
    public void ExternalAccountBindingIsTheJwkSignedWithHs256UnderTheGivenKey()
    {
        using AcmeAccountKey key = AcmeAccountKey.Create();
        byte[] hmacKey = Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef");

        XElement binding = Parse(AcmeJws.ExternalAccountBinding(key, "kid-1", hmacKey, "https://ca/new-acct"));

        string protectedPart = binding.Element("protected")!.Value;
        string payloadPart = binding.Element("payload")!.Value;
        Assert.Equal("{\"alg\":\"HS256\",\"kid\":\"kid-1\",\"url\":\"https://ca/new-acct\"}", Encoding.UTF8.GetString(Base64Url.Decode(protectedPart)));
        Assert.Equal(key.Jwk, Encoding.UTF8.GetString(Base64Url.Decode(payloadPart)));
        using var hmac = new HMACSHA256(hmacKey);
        Assert.Equal(Base64Url.Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart))), binding.Element("signature")!.Value);
    }

    private static XElement Parse(string json)
    {
        using XmlDictionaryReader reader = JsonReaderWriterFactory.CreateJsonReader(Encoding.UTF8.GetBytes(json), XmlDictionaryReaderQuotas.Max);
        return XElement.Load(reader);
    }

    private static ECDsa PublicKey(AcmeAccountKey key)
    {
        XElement jwk = Parse(key.Jwk);
        return ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.Decode(jwk.Element("x")!.Value), Y = Base64Url.Decode(jwk.Element("y")!.Value) },
        });
    }
}
