// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Acme;
using CsCertificate.Common;
using CsCertificate.Engine;
using Xunit;

namespace CsCertificate.Tests.CaClient.Acme;

/// <summary>
/// ACME Renewal Information (RFC 9773), as pure functions: pebble 2.4 offers none, and the ACME client has no seam
/// for scripted HTTP answers, so the identifier, the window, the time chosen in it and the order's "replaces" are
/// checked here on the RFC's own examples; the renewal engine's use of a window is in CertificateRenewerTests.
/// </summary>
public sealed class AcmeRenewalInfoTests
{
    /// <summary>RFC 9773 §4.1: this authority key identifier and serial number make this identifier.</summary>
    private static readonly byte[] s_rfcKeyIdentifier = Convert.FromHexString("69885B6B87464041E1B37B847BA0AE2CDE01C8D4");
    private static readonly byte[] s_rfcSerial = Convert.FromHexString("0087654321");
    private const string RfcCertificateId = "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE";

    [Fact]
    public void TheIdentifierOfTheRfcExampleIsTheRfcs()
    {
        Assert.Equal(RfcCertificateId, AcmeCertificateId.Of(s_rfcKeyIdentifier, s_rfcSerial));
    }

    [Fact]
    public void TheIdentifierOfACertificateComesFromItsAuthorityKeyIdentifierAndSerialNumber()
    {
        byte[] certificate = Certificate(s_rfcSerial, withKeyIdentifier: true);

        Assert.Equal(RfcCertificateId, AcmeCertificateId.Of(certificate));
    }

    [Theory]
    [InlineData("01", "AQ")]
    [InlineData("00FF", "AP8")] // a serial whose top bit is set keeps its leading zero
    [InlineData("7F0102", "fwEC")]
    public void TheSerialNumberIsItsDerContentOctets(string serialHex, string expected)
    {
        byte[] certificate = Certificate(Convert.FromHexString(serialHex), withKeyIdentifier: true);

        Assert.Equal("aYhba4dGQEHhs3uEe6CuLN4ByNQ." + expected, AcmeCertificateId.Of(certificate));
    }

    [Fact]
    public void ACertificateWithoutAnAuthorityKeyIdentifierHasNoIdentifier()
    {
        Assert.Null(AcmeCertificateId.Of(Certificate(s_rfcSerial, withKeyIdentifier: false)));
    }

    [Fact]
    public void ReadsTheWindowOfTheRfcExample()
    {
        RenewalWindow window = Read("{\"suggestedWindow\": {\"start\": \"2025-01-02T04:00:00Z\", \"end\": \"2025-01-03T04:00:00Z\"}, \"explanationURL\": \"https://acme.example.com/docs/ari\"}")!;

        Assert.Equal(new DateTime(2025, 1, 2, 4, 0, 0, DateTimeKind.Utc), window.Start);
        Assert.Equal(DateTimeKind.Utc, window.Start.Kind);
        Assert.Equal(new DateTime(2025, 1, 3, 4, 0, 0, DateTimeKind.Utc), window.End);
        Assert.Equal("https://acme.example.com/docs/ari", window.ExplanationUrl);
    }

    [Fact]
    public void ReadsTimesWithAnOffsetAsUtc()
    {
        RenewalWindow window = Read("{\"suggestedWindow\": {\"start\": \"2025-01-02T06:00:00+02:00\", \"end\": \"2025-01-03T04:00:00.5Z\"}}")!;

        Assert.Equal(new DateTime(2025, 1, 2, 4, 0, 0, DateTimeKind.Utc), window.Start);
        Assert.Equal(new DateTime(2025, 1, 3, 4, 0, 0, 500, DateTimeKind.Utc), window.End);
        Assert.Null(window.ExplanationUrl);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"suggestedWindow\": {\"start\": \"2025-01-02T04:00:00Z\"}}")]
    [InlineData("{\"suggestedWindow\": {\"start\": \"2025-01-03T04:00:00Z\", \"end\": \"2025-01-02T04:00:00Z\"}}")] // ends before it starts
    [InlineData("{\"suggestedWindow\": {\"start\": \"2025-01-02T04:00:00Z\", \"end\": \"2025-01-02T04:00:00Z\"}}")]
    [InlineData("{\"suggestedWindow\": {\"start\": \"tomorrow\", \"end\": \"2025-01-03T04:00:00Z\"}}")]
    [InlineData("{\"suggestedWindow\": {\"start\": \"2025-01-02\", \"end\": \"2025-01-03\"}}")] // dates, not RFC 3339 times
    public void AnAnswerWithoutAValidWindowHasNone(string json)
    {
        Assert.Null(Read(json));
    }

    [Fact]
    public void TheTimeChosenIsInsideTheWindowTheSameOnEveryRunAndSpreadOverCertificates()
    {
        var window = new RenewalWindow(new DateTime(2025, 1, 2, 4, 0, 0, DateTimeKind.Utc), new DateTime(2025, 1, 3, 4, 0, 0, DateTimeKind.Utc), null);

        DateTime[] chosen = Enumerable.Range(0, 1000).Select(i => RenewalSchedule.InWindow(window, "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdl" + i)).ToArray();

        Assert.All(chosen, t => Assert.InRange(t, window.Start, window.End));
        Assert.Equal(RenewalSchedule.InWindow(window, RfcCertificateId), RenewalSchedule.InWindow(window, RfcCertificateId));

        // Uniform: each quarter of the window gets about a quarter of 1000 certificates.
        for (int quarter = 0; quarter < 4; quarter++)
        {
            DateTime from = window.Start.AddHours(6 * quarter);
            Assert.InRange(chosen.Count(t => t >= from && t < from.AddHours(6)), 180, 320);
        }
    }

    [Fact]
    public void ANewWindowIsChosenInAgain()
    {
        var first = new RenewalWindow(new DateTime(2025, 1, 2, 4, 0, 0, DateTimeKind.Utc), new DateTime(2025, 1, 3, 4, 0, 0, DateTimeKind.Utc), null);
        var moved = new RenewalWindow(new DateTime(2024, 12, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 12, 1, 1, 0, 0, DateTimeKind.Utc), "https://acme.example.com/incident");

        Assert.InRange(RenewalSchedule.InWindow(moved, RfcCertificateId), moved.Start, moved.End);
        Assert.NotEqual(RenewalSchedule.InWindow(first, RfcCertificateId), RenewalSchedule.InWindow(moved, RfcCertificateId));
    }

    [Fact]
    public void ARenewalOrderSaysWhatItReplaces()
    {
        using JsonDocument order = JsonDocument.Parse(AcmeCaClient.OrderPayload(new[] { "pool.contoso.com", "meet.contoso.com" }, RfcCertificateId));

        Assert.Equal(RfcCertificateId, order.RootElement.GetProperty("replaces").GetString());
        Assert.Equal(new[] { "pool.contoso.com", "meet.contoso.com" }, order.RootElement.GetProperty("identifiers").EnumerateArray().Select(i => i.GetProperty("value").GetString()));
        Assert.All(order.RootElement.GetProperty("identifiers").EnumerateArray(), i => Assert.Equal("dns", i.GetProperty("type").GetString()));
    }

    [Fact]
    public void ANewOrderHasNoReplaces()
    {
        using JsonDocument order = JsonDocument.Parse(AcmeCaClient.OrderPayload(new[] { "pool.contoso.com" }, null));

        Assert.False(order.RootElement.TryGetProperty("replaces", out _));
    }

    [Fact]
    public void TheDirectoryNamesItsRenewalInformation()
    {
        AcmeDirectory directory = DataContractJson.Deserialize<AcmeDirectory>(Encoding.UTF8.GetBytes(
            "{\"newNonce\": \"https://a/n\", \"newAccount\": \"https://a/a\", \"newOrder\": \"https://a/o\", \"renewalInfo\": \"https://a/renewal-info\"}"));

        Assert.Equal("https://a/renewal-info", directory.RenewalInfo);
    }

    private static RenewalWindow? Read(string json) => DataContractJson.Deserialize<AcmeRenewalInfo>(Encoding.UTF8.GetBytes(json)).ToWindow();

    /// <summary>A certificate with the RFC example's authority key identifier (or none) and the given serial number.</summary>
    private static byte[] Certificate(byte[] serial, bool withKeyIdentifier)
    {
        using ECDsa issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=pool.contoso.com", key, HashAlgorithmName.SHA256);
        if (withKeyIdentifier)
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(s_rfcKeyIdentifier));
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 certificate = request.Create(new X500DistinguishedName("CN=Test Issuing CA"), X509SignatureGenerator.CreateForECDsa(issuerKey), now, now.AddDays(90), serial);
        return certificate.RawData;
    }
}
