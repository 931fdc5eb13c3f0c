// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Linq;
using CsCertificate.Csr;
using CsCertificate.Keys;
using CsCertificate.Model;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Xunit;

namespace CsCertificate.Tests.Keys;

/// <summary>
/// KeyPair writes the SubjectPublicKeyInfo and the PKCS#8 key file from the platform's parameters, without
/// BouncyCastle's (slow) key parameter objects; the bytes must be exactly what BouncyCastle's factories write.
/// </summary>
public sealed class KeyPairTests
{
    [Theory]
    [InlineData(KeyAlgorithmIdentifier.RSA, 2048)]
    [InlineData(KeyAlgorithmIdentifier.RSA, 1024)]
    [InlineData(KeyAlgorithmIdentifier.ECDH_P256, 0)]
    [InlineData(KeyAlgorithmIdentifier.ECDH_P384, 0)]
    [InlineData(KeyAlgorithmIdentifier.ECDH_P521, 0)]
    public void EncodesTheKeysAsBouncyCastlesFactoriesDo(KeyAlgorithmIdentifier algorithm, int bits)
    {
        using KeyPair key = KeyGenerator.Generate(new KeySpec(algorithm, bits == 0 ? KeySpec.DefaultRsaKeySize : bits));

        Assert.Equal(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(key.PublicKey).GetDerEncoded(), key.SubjectPublicKeyInfo);
        Assert.Equal(PrivateKeyInfoFactory.CreatePrivateKeyInfo(PrivateKeyFactory.CreateKey(key.PrivateKeyInfo)).GetDerEncoded(), Der(key.ToPkcs8Pem()));
    }

    [Theory]
    [InlineData(KeyAlgorithmIdentifier.RSA)]
    [InlineData(KeyAlgorithmIdentifier.ECDH_P384)]
    public void ReadsItsKeyFileBackIntoTheSameKey(KeyAlgorithmIdentifier algorithm)
    {
        using KeyPair key = KeyGenerator.Generate(new KeySpec(algorithm, KeySpec.DefaultRsaKeySize));

        using KeyPair again = KeyPair.FromPkcs8Pem(key.ToPkcs8Pem());

        Assert.Equal(key.SubjectPublicKeyInfo, again.SubjectPublicKeyInfo);
        Assert.Equal(key.Spec.Bits, again.Spec.Bits);
    }

    [Fact]
    public void PutsThePublicKeyInfoIntoTheRequest()
    {
        using KeyPair key = KeyGenerator.Generate(new KeySpec(KeyAlgorithmIdentifier.RSA, 2048));
        var spec = new CsrSpec("pool.contoso.com", SubjectAttributes.None, new[] { "pool.contoso.com" }, ClientAuthentication: false, Template: null);

        var request = new Pkcs10CertificationRequest(CsrBuilder.Build(spec, key).Der);

        Assert.True(request.Verify());
        Assert.Equal(key.SubjectPublicKeyInfo, request.GetCertificationRequestInfo().SubjectPublicKeyInfo.GetDerEncoded());
    }

    private static byte[] Der(string pem) =>
        Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal))));
}
