// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CsCertificate.Certificates;
using CsCertificate.Common;
using CsCertificate.Tests.TestInfrastructure;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Xunit;
using Xunit.Abstractions;

namespace CsCertificate.Tests.Certificates;

public sealed class CertificateResponseReaderTests : IClassFixture<CertificateResponseSamples>
{
    private const string Source = "C:\\Certificates\\response.cer";
    private const string NotACertificate = "not a certificate, PKCS#7, CMC response or PFX";

    private readonly CertificateResponseSamples _samples;
    private readonly ITestOutputHelper _output;

    public CertificateResponseReaderTests(CertificateResponseSamples samples, ITestOutputHelper output)
    {
        _samples = samples;
        _output = output;
    }

    public enum TextEncoding
    {
        Utf8,
        Utf8Bom,
        Utf8Crlf,
        Utf16LeBom,
        Utf16LeNoBom,
        Utf16BeBom,
    }

    [Fact]
    public void ReadsADerCertificate()
    {
        CertificateResponse response = Read(_samples.LeafDer);

        Assert.False(response.IsPkcs12);
        Assert.Equal(new[] { _samples.LeafDer }, response.Certificates);
    }

    [Fact]
    public void ReadsAPemCertificate()
    {
        Assert.Equal(new[] { _samples.LeafDer }, Read(Ascii(_samples.LeafPem)).Certificates);
    }

    [Fact]
    public void ReadsAPemChainInFileOrder()
    {
        Assert.Equal(new[] { _samples.LeafDer, _samples.CaDer }, Read(Ascii(_samples.LeafPem + _samples.CaPem)).Certificates);
        Assert.Equal(new[] { _samples.CaDer, _samples.LeafDer }, Read(Ascii(_samples.CaPem + "\n\n" + _samples.LeafPem)).Certificates);
    }

    [Fact]
    public void ReadsTheLegacyX509CertificateLabel()
    {
        Assert.Equal(new[] { _samples.LeafDer }, Read(Ascii(Armor("X509 CERTIFICATE", _samples.LeafDer))).Certificates);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(64, "\r\n")]
    [InlineData(76, "\n")]
    public void ReadsBareBase64OfACertificate(int lineLength, string newline)
    {
        string text = Wrap(Convert.ToBase64String(_samples.LeafDer), lineLength, newline);

        Assert.Equal(new[] { _samples.LeafDer }, Read(Ascii(text)).Certificates);
    }

    [Fact]
    public void ReadsAPemBlockPastedOnOneLine()
    {
        string text = "-----BEGIN CERTIFICATE----- " + Convert.ToBase64String(_samples.LeafDer) + " -----END CERTIFICATE-----";

        Assert.Equal(new[] { _samples.LeafDer }, Read(Ascii(text)).Certificates);
    }

    [Fact]
    public void ReadsTheBlockAfterTheTextDumpOfOpenSslX509Text()
    {
        Assert.Equal(new[] { _samples.LeafDer }, Read(Ascii(_samples.LeafText)).Certificates);
    }

    [Fact]
    public void ReadsTheCertificateOfAnOpenSslTrustedCertificate()
    {
        Assert.Equal(new[] { _samples.CaDer }, Read(Ascii(_samples.TrustedCaPem)).Certificates);
    }

    [Fact]
    public void ReadsAPkcs7CertsOnlyFileInItsOrder()
    {
        CertificateResponse response = Read(_samples.P7bDer);

        Assert.Equal(PrintCerts(_samples.P7bDer), response.Certificates);
        AssertLeafAndCa(response);
    }

    [Fact]
    public void ReadsPkcs7UnderThePkcs7Label()
    {
        Assert.Equal(PrintCerts(_samples.P7bDer), Read(Ascii(_samples.P7bPem)).Certificates);
    }

    [Fact]
    public void ReadsPkcs7UnderACertificateLabelAsWindowsWritesIt()
    {
        string text = Armor("CERTIFICATE", _samples.P7bDer, "\r\n");

        Assert.Equal(PrintCerts(_samples.P7bDer), Read(Ascii(text)).Certificates);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(64, "\r\n")]
    public void ReadsBareBase64OfPkcs7AsAdcsReturnsIt(int lineLength, string newline)
    {
        // ICertRequest::GetCertificate(CR_OUT_BASE64 | CR_OUT_CHAIN): base64 without header, CRLF every 64 characters.
        string text = Wrap(Convert.ToBase64String(_samples.P7bDer), lineLength, newline);

        Assert.Equal(PrintCerts(_samples.P7bDer), Read(Ascii(text)).Certificates);
    }

    [Fact]
    public void ReadsASignedDataWithoutItsContentInfo()
    {
        byte[] signedData = ContentInfo.GetInstance(Asn1Object.FromByteArray(_samples.P7bDer)).Content.ToAsn1Object().GetEncoded(Asn1Encodable.Der);

        Assert.Equal(PrintCerts(_samples.P7bDer), Read(signedData).Certificates);
    }

    [Fact]
    public void ReadsTheCertificatesOfACmsSignedMessageWithContent()
    {
        AssertLeafAndCa(Read(_samples.CmsSignedDer));
        Assert.Equal(PrintCerts(_samples.CmsSignedDer), Read(_samples.CmsSignedDer).Certificates);
    }

    [Fact]
    public void ReadsTheCertificatesOfAStreamedCmsMessageWithIndefiniteLengths()
    {
        Assert.Equal(0x80, _samples.CmsStreamedDer[1]);
        AssertLeafAndCa(Read(_samples.CmsStreamedDer));
    }

    [Fact]
    public void ReadsTheCertificatesOfACmcFullResponse()
    {
        var signedData = SignedData.GetInstance(ContentInfo.GetInstance(Asn1Object.FromByteArray(_samples.CmcResponseDer)).Content);
        Assert.Equal(CertificateResponseSamples.CmcPkiResponseOid, signedData.EncapContentInfo.ContentType.Id);

        CertificateResponse response = Read(_samples.CmcResponseDer);

        AssertLeafAndCa(response);
        Assert.Equal(PrintCerts(_samples.CmcResponseDer), response.Certificates);
    }

    [Theory]
    [InlineData(TextEncoding.Utf8)]
    [InlineData(TextEncoding.Utf8Bom)]
    [InlineData(TextEncoding.Utf8Crlf)]
    [InlineData(TextEncoding.Utf16LeBom)]
    [InlineData(TextEncoding.Utf16LeNoBom)]
    [InlineData(TextEncoding.Utf16BeBom)]
    public void ReadsTextInEveryEncodingAWindowsToolWrites(TextEncoding encoding)
    {
        string chain = _samples.LeafPem + _samples.CaPem;
        string base64 = Wrap(Convert.ToBase64String(_samples.P7bDer), 64, "\n");

        Assert.Equal(new[] { _samples.LeafDer, _samples.CaDer }, Read(Encode(chain, encoding)).Certificates);
        Assert.Equal(new[] { _samples.LeafDer }, Read(Encode(_samples.LeafPem, encoding)).Certificates);
        Assert.Equal(PrintCerts(_samples.P7bDer), Read(Encode(_samples.P7bPem, encoding)).Certificates);
        Assert.Equal(PrintCerts(_samples.P7bDer), Read(Encode(base64, encoding)).Certificates);
    }

    [Fact]
    public void DetectsAPfxWithoutItsPassword()
    {
        CertificateResponse response = Read(_samples.Pfx);

        Assert.True(response.IsPkcs12);
        Assert.Empty(response.Certificates);
    }

    [Fact]
    public void SkipsAKeyAndOtherBlocksThatComeWithCertificates()
    {
        string text = _samples.PrivateKeyPem + _samples.LeafPem + _samples.PublicKeyPem + _samples.EcPrivateKeyPem + _samples.CaPem + _samples.CsrPem;

        Assert.Equal(new[] { _samples.LeafDer, _samples.CaDer }, Read(Ascii(text)).Certificates);
    }

    [Fact]
    public void RefusesEmptyContent()
    {
        Assert.Contains("is empty", Refused(Array.Empty<byte>()).Message);
    }

    [Fact]
    public void RefusesContentOverTheSizeBound()
    {
        var content = new byte[CertificateResponseReader.MaxContentBytes + 1];
        content[0] = 0x30;

        CsCertificateException ex = Refused(content);

        Assert.Contains(CertificateResponseReader.MaxContentBytes.ToString(System.Globalization.CultureInfo.CurrentCulture), ex.Message);
    }

    [Fact]
    public void RefusesACertificateRequestGivenByMistake()
    {
        string newLabel = _samples.CsrPem.Replace("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST", StringComparison.Ordinal);
        foreach (byte[] content in new[] { Ascii(_samples.CsrPem), Ascii(newLabel), _samples.CsrDer, Ascii(Convert.ToBase64String(_samples.CsrDer)) })
        {
            Assert.Contains(
                "this is a certificate request (PKCS#10), not a certificate. Send it to the CA and import what it returns.",
                Refused(content).Message);
        }
    }

    [Fact]
    public void RefusesAPrivateKey()
    {
        foreach (byte[] content in new[] { Ascii(_samples.PrivateKeyPem), Ascii(_samples.EcPrivateKeyPem), _samples.PrivateKeyDer, _samples.EcPrivateKeyDer })
        {
            Assert.Contains("this is a private key, not a certificate", Refused(content).Message);
        }
    }

    [Fact]
    public void RefusesAPfxInBase64BecauseThePasswordPathNeedsTheBinary()
    {
        Assert.Contains("base64-encoded PKCS#12 (PFX)", Refused(Ascii(Convert.ToBase64String(_samples.Pfx))).Message);
    }

    [Fact]
    public void RefusesGarbage()
    {
        var random = new Random(20240611);
        var noise = new byte[4096];
        random.NextBytes(noise);
        noise[0] = 0x42;
        var derNoise = (byte[])noise.Clone();
        derNoise[0] = 0x30;

        foreach (byte[] content in new[] { noise, derNoise, Ascii("hello, world\n"), Ascii("MIIB not base64 at all"), new byte[] { 0x30, 0x00 }, _samples.DataContentInfoDer })
        {
            Assert.Contains(NotACertificate, Refused(content).Message);
        }

        Assert.Contains("1.2.840.113549.1.7.1", Refused(_samples.DataContentInfoDer).Message);
    }

    [Fact]
    public void KeepsTheParserErrorAsInnerException()
    {
        // The outer shape of a certificate around a body BouncyCastle refuses.
        byte[] content = { 0x30, 0x0A, 0x30, 0x03, 0x02, 0x01, 0x01, 0x30, 0x00, 0x03, 0x01, 0x00 };

        CsCertificateException ex = Refused(content);

        Assert.Contains(NotACertificate, ex.Message);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public void RefusesDataAfterTheDerStructure()
    {
        byte[] content = _samples.LeafDer.Concat(new byte[] { 0, 0 }).ToArray();

        Assert.Contains("2 bytes after the end of the ASN.1 data", Refused(content).Message);
    }

    [Fact]
    public void RefusesASignedDataWithoutCertificates()
    {
        Assert.Contains("holds no certificates", Refused(_samples.CmsWithoutCertificates).Message);
        Assert.Contains("holds no certificates", Refused(Ascii(Armor("PKCS7", _samples.CmsWithoutCertificates))).Message);
    }

    [Fact]
    public void RefusesMorePemBlocksThanTheBound()
    {
        string text = string.Concat(Enumerable.Repeat(_samples.LeafPem, CertificateResponseReader.MaxPemBlocks + 1));

        Assert.Contains("more than " + CertificateResponseReader.MaxPemBlocks + " PEM blocks", Refused(Ascii(text)).Message);
        Assert.Equal(CertificateResponseReader.MaxPemBlocks, Read(Ascii(string.Concat(Enumerable.Repeat(_samples.LeafPem, CertificateResponseReader.MaxPemBlocks)))).Certificates.Count);
    }

    [Fact]
    public void RefusesMoreCertificatesThanTheBound()
    {
        Assert.True(CertificateResponseSamples.ManyCertificateCount > CertificateResponseReader.MaxCertificates);

        Assert.Contains("more than " + CertificateResponseReader.MaxCertificates + " certificates", Refused(_samples.ManyCertificatesP7b).Message);
    }

    [Fact]
    public void RefusesDeepAsn1WithoutOverflowingTheStack()
    {
        // A million levels of indefinite-length SEQUENCEs, and ten thousand definite ones: each would overflow a
        // recursive parser's stack.
        byte[] indefinite = Enumerable.Repeat(new byte[] { 0x30, 0x80 }, 1_000_000).SelectMany(b => b).ToArray();
        byte[] definite = Nested(10_000);

        foreach (byte[] content in new[] { indefinite, definite, Ascii(Armor("CERTIFICATE", definite)), Ascii(Convert.ToBase64String(definite)) })
        {
            Assert.Contains("ASN.1 nested more than " + CertificateResponseReader.MaxAsn1Depth + " levels deep", Refused(content).Message);
        }

        Assert.Contains(NotACertificate, Refused(Nested(CertificateResponseReader.MaxAsn1Depth)).Message);
    }

    [Fact]
    public void RefusesBrokenPemBlocksThatShouldHoldCertificates()
    {
        string unterminated = _samples.LeafPem.Replace("-----END CERTIFICATE-----", string.Empty, StringComparison.Ordinal);
        Assert.Contains("has no \"-----END CERTIFICATE-----\" line", Refused(Ascii(_samples.CaPem + unterminated)).Message);

        string notBase64 = "-----BEGIN CERTIFICATE-----\nMIIB*not-base64*\n-----END CERTIFICATE-----\n";
        Assert.Contains("the PEM block \"CERTIFICATE\" at line 1 is not valid base64", Refused(Ascii(notBase64)).Message);

        byte[] corrupt = (byte[])_samples.LeafDer.Clone();
        corrupt[1] ^= 0x01;
        CsCertificateException ex = Refused(Ascii(_samples.CaPem + Armor("CERTIFICATE", corrupt)));
        int line = _samples.CaPem.Count(c => c == '\n') + 1;
        Assert.Contains("the PEM block \"CERTIFICATE\" at line " + line + " is not a certificate", ex.Message);
    }

    [Fact]
    public void RefusesPemWithoutACertificateAndNamesTheBlocks()
    {
        Assert.Contains("none of its PEM blocks (PUBLIC KEY) holds a certificate", Refused(Ascii(_samples.PublicKeyPem)).Message);
    }

    [Fact]
    public void NamesTheSourceAsGiven()
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => CertificateResponseReader.Read(Ascii("nonsense"), "the CA's answer"));

        Assert.StartsWith("Cannot read a certificate from the CA's answer: ", ex.Message, StringComparison.Ordinal);
        Assert.Equal("the CA's answer", ex.Target);
    }

    [Fact]
    public void FuzzedInputEitherReadsOrThrowsCsCertificateException()
    {
        const int MutationsPerSeed = 1_000;
        const int RandomArrays = 4_000;
        var seeds = new List<(string Name, byte[] Bytes)>
        {
            ("leaf.der", _samples.LeafDer),
            ("chain.pem", Ascii(_samples.LeafPem + _samples.CaPem)),
            ("p7b.der", _samples.P7bDer),
            ("p7b.pem", Ascii(_samples.P7bPem)),
            ("p7b.base64", Ascii(Wrap(Convert.ToBase64String(_samples.P7bDer), 64, "\r\n"))),
            ("chain.utf16", Encode(_samples.LeafPem + _samples.CaPem, TextEncoding.Utf16LeBom)),
            ("cms.der", _samples.CmsSignedDer),
            ("cms-stream.der", _samples.CmsStreamedDer),
            ("cmc.der", _samples.CmcResponseDer),
            ("leaf.pfx", _samples.Pfx),
            ("leaf.csr", Ascii(_samples.CsrPem)),
            ("leaf.key.der", _samples.PrivateKeyDer),
        };

        var random = new Random(5272);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        int cases = 0;
        var clock = Stopwatch.StartNew();

        foreach ((string name, byte[] bytes) in seeds)
        {
            for (int i = 0; i < MutationsPerSeed; i++)
            {
                Check(name + "#" + i, Mutate(bytes, random));
            }
        }

        for (int i = 0; i < RandomArrays; i++)
        {
            var bytes = new byte[random.Next(0, 2048)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && i % 2 == 0)
            {
                // Half of them down the DER path.
                bytes[0] = 0x30;
            }

            Check("random#" + i, bytes);
        }

        clock.Stop();
        _output.WriteLine(cases + " cases in " + clock.ElapsedMilliseconds + " ms: " + string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => o.Key + " " + o.Value)));
        Assert.True(cases >= 10_000);
        Assert.Empty(failures);

        void Check(string label, byte[] content)
        {
            cases++;
            string outcome;
            try
            {
                CertificateResponse response = CertificateResponseReader.Read(content, Source);
                outcome = response.IsPkcs12 ? "pfx" : "read";
            }
            catch (CsCertificateException ex)
            {
                outcome = "refused";
                if (ex.ErrorId != ErrorIds.CertificateResponseInvalid || !ex.Message.Contains(Source, StringComparison.Ordinal))
                {
                    failures.Add(label + ": " + ex.ErrorId + " " + ex.Message);
                }
            }
#pragma warning disable CA1031 // The point of the test is to catch whatever else escapes.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                outcome = "escaped";
                failures.Add(label + ": " + ex.GetType().FullName + ": " + ex.Message + " input " + Convert.ToHexString(content.Take(256).ToArray()));
            }

            outcomes[outcome] = outcomes.TryGetValue(outcome, out int count) ? count + 1 : 1;
        }
    }

    private static byte[] Mutate(byte[] original, Random random) =>
        ByteMutator.Mutate(original, random, RandomBytes, longestSlice: 64);

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 16)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static CertificateResponse Read(byte[] content) => CertificateResponseReader.Read(content, Source);

    /// <summary>Asserts the refusal's id, kind and target; the message goes to the test output for review.</summary>
    private CsCertificateException Refused(byte[] content)
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => CertificateResponseReader.Read(content, Source));
        _output.WriteLine(ex.Message);
        Assert.Equal(ErrorIds.CertificateResponseInvalid, ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, ex.Kind);
        Assert.Equal(Source, ex.Target);
        Assert.Contains(Source, ex.Message, StringComparison.Ordinal);
        return ex;
    }

    private void AssertLeafAndCa(CertificateResponse response)
    {
        Assert.False(response.IsPkcs12);
        Assert.Equal(2, response.Certificates.Count);
        Assert.Contains(response.Certificates, c => c.SequenceEqual(_samples.LeafDer));
        Assert.Contains(response.Certificates, c => c.SequenceEqual(_samples.CaDer));
    }

    /// <summary>The certificates of a PKCS#7 or CMS file in the order openssl lists them, as DER.</summary>
    private static byte[][] PrintCerts(byte[] signedData)
    {
        using var temp = new TempFolder();
        string path = temp.Write("signed.der", signedData);
        string pem = OpenSsl.Run("pkcs7", "-inform", "DER", "-in", path, "-print_certs");
        return Regex.Matches(pem, "-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", RegexOptions.Singleline)
            .Select(m => Convert.FromBase64String(m.Groups[1].Value))
            .ToArray();
    }

    /// <summary>SEQUENCEs nested <paramref name="depth"/> levels deep with definite lengths.</summary>
    private static byte[] Nested(int depth)
    {
        byte[] inner = { 0x05, 0x00 };
        for (int i = 0; i < depth; i++)
        {
            byte[] length = inner.Length < 0x80
                ? new[] { (byte)inner.Length }
                : inner.Length < 0x100 ? new byte[] { 0x81, (byte)inner.Length } : new byte[] { 0x83, (byte)(inner.Length >> 16), (byte)(inner.Length >> 8), (byte)inner.Length };
            inner = new byte[] { 0x30 }.Concat(length).Concat(inner).ToArray();
        }

        return inner;
    }

    private static string Armor(string label, byte[] der, string newline = "\n") =>
        "-----BEGIN " + label + "-----" + newline + Wrap(Convert.ToBase64String(der), 64, newline) + newline + "-----END " + label + "-----" + newline;

    private static string Wrap(string base64, int lineLength, string newline)
    {
        if (lineLength == 0)
        {
            return base64;
        }

        var text = new StringBuilder();
        for (int i = 0; i < base64.Length; i += lineLength)
        {
            text.Append(base64, i, Math.Min(lineLength, base64.Length - i)).Append(newline);
        }

        return text.ToString();
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Encode(string text, TextEncoding encoding)
    {
        switch (encoding)
        {
            case TextEncoding.Utf8Bom:
                return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
            case TextEncoding.Utf8Crlf:
                return Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));
            case TextEncoding.Utf16LeBom:
                return Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();
            case TextEncoding.Utf16LeNoBom:
                return Encoding.Unicode.GetBytes(text);
            case TextEncoding.Utf16BeBom:
                return Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray();
            default:
                return Encoding.UTF8.GetBytes(text);
        }
    }
}
