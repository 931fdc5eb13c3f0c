// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using CsCertificate.Certificates;
using CsCertificate.Keys;
using CsCertificate.Model;
using CsCertificate.Tests.CaClient.Adcs;
using CsCertificate.Tests.TestInfrastructure;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Pkcs;
using Xunit;

namespace CsCertificate.Tests.Certificates;

/// <summary>
/// The PFX files the module writes (the installer's, Export-CsCertificate's, a re-encoded import), read back with
/// openssl 3 (without -legacy), BouncyCastle and .NET: the algorithms asked for, the chain issuer after subject,
/// the friendly name, and the SChannel provider named for an RSA key.
/// </summary>
public sealed class Pkcs12WriterTests : IDisposable
{
    private const string Password = "Zq7-pfx-5519";

    private readonly TempFolder _temp = new TempFolder();
    private static readonly TestPki s_pki = new TestPki();

    public void Dispose() => _temp.Dispose();

    [OpensslFact]
    public void WritesTripleDesBagsAndASha1MacThatOpenSsl3ReadsWithoutLegacy()
    {
        string info = OpenSslInfo(Pkcs12Writer.Write(Content(s_pki, "Litware FE"), Password.ToCharArray(), CryptoAlgorithmOption.TripleDES_SHA1));

        Assert.Contains("MAC: sha1, Iteration 2048", info);
        Assert.Contains("PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048", info);
        Assert.Contains("Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048", info);
        Assert.DoesNotContain("RC2", info);
        Assert.Contains("Microsoft CSP Name: " + Pkcs12Writer.SChannelProvider, KeyBag(info));
        Assert.Equal(new[] { "atl-cs-001.litwareinc.com", "Litware Test Issuing CA", "Litware Test Root" }, Subjects(info));
        Assert.Contains("friendlyName: Litware FE", CertificateBags(info).First());
    }

    [OpensslFact]
    public void WritesPbes2AesBagsAndASha256MacForAes256Sha256()
    {
        string info = OpenSslInfo(Pkcs12Writer.Write(Content(s_pki, "Litware FE"), Password.ToCharArray(), CryptoAlgorithmOption.AES256_SHA256));

        Assert.Contains("MAC: sha256, Iteration 2048", info);
        Assert.Contains("PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256", info);
        Assert.Contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256", info);
        Assert.Contains("Microsoft CSP Name: " + Pkcs12Writer.SChannelProvider, KeyBag(info));
        Assert.Equal(3, Subjects(info).Count);
    }

    [OpensslFact]
    public void GivesTheKeyBagNoFriendlyNameWhichWindowsWouldTakeAsItsContainerName()
    {
        string info = OpenSslInfo(Pkcs12Writer.Write(Content(s_pki, "Litware FE"), Password.ToCharArray(), CryptoAlgorithmOption.TripleDES_SHA1));

        Assert.DoesNotContain("friendlyName", KeyBag(info));
        Assert.Contains("localKeyID", KeyBag(info));
    }

    [OpensslFact]
    public void NamesNoProviderForAnEcKey()
    {
        var pki = new TestPki(rsaLeaf: false);

        string info = OpenSslInfo(Pkcs12Writer.Write(Content(pki, "Edge"), Password.ToCharArray(), CryptoAlgorithmOption.TripleDES_SHA1));

        Assert.DoesNotContain("Microsoft CSP Name", info);
        Assert.Contains("Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC", info);
    }

    [Theory]
    [InlineData(CryptoAlgorithmOption.TripleDES_SHA1)]
    [InlineData(CryptoAlgorithmOption.AES256_SHA256)]
    public void BouncyCastleAndDotNetReadBackTheKeyTheCertificateAndTheChain(CryptoAlgorithmOption algorithm)
    {
        byte[] pfx = Pkcs12Writer.Write(Content(s_pki, "Litware FE"), Password.ToCharArray(), algorithm);

        Pkcs12Content read = Pkcs12Content.Read(pfx, Password.ToCharArray());
        Assert.Equal(s_pki.Leaf.GetEncoded(), read.Certificate);
        Assert.Equal(new[] { s_pki.Intermediate.GetEncoded(), s_pki.Root.GetEncoded() }, read.Chain);
        Assert.Equal(s_pki.LeafKeyInfo.GetDerEncoded(), read.Key.GetDerEncoded());
        Assert.Equal("Litware FE", read.FriendlyName);
        Assert.Equal(new DerBmpString(Pkcs12Writer.SChannelProvider), ProviderAttribute(pfx));

        using X509Certificate2 certificate = X509CertificateLoader.LoadPkcs12(pfx, Password, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
        using RSA? key = certificate.GetRSAPrivateKey();
        Assert.NotNull(key);
        byte[] signature = key!.SignData(new byte[] { 1, 2, 3 }, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using RSA publicKey = certificate.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData(new byte[] { 1, 2, 3 }, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [OpensslFact]
    public void TheInstallersPfxNamesTheSChannelProviderForAnRsaKey()
    {
        using KeyPair key = KeyGenerator.Generate(new KeySpec(KeyAlgorithmIdentifier.RSA, 2048));
        var content = new Pkcs12Content(key.PrivateKeyInfo, s_pki.Leaf.GetEncoded(), new[] { s_pki.Intermediate.GetEncoded() }, "Front End");

        byte[] pfx = X509StoreInstaller.Pkcs12ForStore(content, Password.ToCharArray());

        Assert.Equal(new DerBmpString(Pkcs12Writer.SChannelProvider), ProviderAttribute(pfx));
        string info = OpenSslInfo(pfx);
        Assert.Contains("Microsoft CSP Name: Microsoft RSA SChannel Cryptographic Provider", KeyBag(info));
        Assert.Contains("Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC", info);
        Assert.Contains("MAC: sha1", info);
    }

    [OpensslFact]
    public void ReencodesAnOpenSsl3AesPfxIntoOneThatWindowsServer2012R2Imports()
    {
        string key = _temp.File("leaf.key");
        string certificate = _temp.File("leaf.pem");
        string pfx = _temp.File("aes.pfx");
        OpenSsl.Run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=oauth.litwareinc.com");
        OpenSsl.Run("pkcs12", "-export", "-in", certificate, "-inkey", key, "-out", pfx, "-name", "OAuth", "-passout", "pass:" + Password);
        Assert.Contains("AES-256-CBC", OpenSsl.RunCapturing("pkcs12", "-info", "-in", pfx, "-passin", "pass:" + Password, "-noout").Errors);

        Pkcs12Content read = Pkcs12Content.Read(File.ReadAllBytes(pfx), Password.ToCharArray());
        string info = OpenSslInfo(X509StoreInstaller.Pkcs12ForStore(read, Password.ToCharArray()));

        Assert.Contains("PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC", info);
        Assert.Contains("Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC", info);
        Assert.Contains("MAC: sha1", info);
        Assert.Contains("Microsoft CSP Name: " + Pkcs12Writer.SChannelProvider, KeyBag(info));
        Assert.Contains("friendlyName: OAuth", CertificateBags(info).First());
    }

    private static Pkcs12Content Content(TestPki pki, string friendlyName) =>
        new Pkcs12Content(pki.LeafKeyInfo, pki.Leaf.GetEncoded(), new[] { pki.Root.GetEncoded(), pki.Intermediate.GetEncoded() }.Reverse().ToArray(), friendlyName);

    /// <summary>The key bag's Microsoft CSP name attribute, as BouncyCastle reads it.</summary>
    private static Asn1Encodable? ProviderAttribute(byte[] pfx)
    {
        Pkcs12Store store = new Pkcs12StoreBuilder().Build();
        store.Load(new MemoryStream(pfx), Password.ToCharArray());
        string alias = store.Aliases.Single(store.IsKeyEntry);
        return store.GetKey(alias)[Pkcs12Writer.ProviderNameAttribute];
    }

    /// <summary>What openssl pkcs12 -info prints: the algorithms (on standard error), then the bags and their attributes.</summary>
    private string OpenSslInfo(byte[] pfx)
    {
        string path = _temp.Write(Guid.NewGuid().ToString("N") + ".pfx", pfx);
        (string output, string errors) = OpenSsl.RunCapturing("pkcs12", "-info", "-in", path, "-passin", "pass:" + Password, "-nodes");
        return errors + "\n" + output;
    }

    /// <summary>The attributes openssl prints for the shrouded key bag: the last ones before the private key.</summary>
    private static string KeyBag(string info)
    {
        int end = info.IndexOf("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal);
        int start = info.LastIndexOf("Bag Attributes", end, StringComparison.Ordinal);
        return info.Substring(start, end - start);
    }

    /// <summary>The attributes openssl prints for each certificate bag, in order.</summary>
    private static string[] CertificateBags(string info) =>
        Regex.Matches(info, @"Bag Attributes.*?-----BEGIN CERTIFICATE-----", RegexOptions.Singleline).Select(m => m.Value).ToArray();

    private static System.Collections.Generic.List<string> Subjects(string info) =>
        Regex.Matches(info, @"^subject=CN ?= ?(.+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value.Trim()).ToList();
}
