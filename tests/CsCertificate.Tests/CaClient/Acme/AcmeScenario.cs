// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Acme;
using CsCertificate.Tests.TestInfrastructure;

namespace CsCertificate.Tests.CaClient.Acme;

/// <summary>
/// The ACME client of a data folder of its own, talking to a <see cref="ScriptedAcmeServer"/>: the orders, authorizations
/// and certificates a test scripts, and what the client said (verbose) and sent.
/// </summary>
internal sealed class AcmeScenario : IDisposable
{
    public const string AuthorizationUrl = ScriptedAcmeServer.Base + "/acme/authz/1";
    public const string ChallengeUrl = ScriptedAcmeServer.Base + "/acme/chall/1";
    public const string Token = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";

    /// <summary>The request the client sends: any DER, since the scripted CA does not read it.</summary>
    public static readonly byte[] Csr = { 0x30, 0x03, 0x02, 0x01, 0x00 };

    private readonly TempFolder _temp = new TempFolder();

    public AcmeScenario()
    {
        (Chain, ChainDer) = IssuedChain();
    }

    public ScriptedAcmeServer Server { get; } = new ScriptedAcmeServer();

    public List<string> Verbose { get; } = new List<string>();

    public AcmeSettings Settings { get; } = new AcmeSettings
    {
        Wait = TimeSpan.FromSeconds(30),
        Http01Address = IPAddress.Loopback,
        Http01Port = FreePort.OnLoopback(),
    };

    public string DataFolder => _temp.Path;

    public AcmeAccountStore Accounts => new AcmeAccountStore(DataFolder, new Uri(ScriptedAcmeServer.DirectoryUrl));

    public AcmeChallengeStore Challenges => new AcmeChallengeStore(DataFolder);

    /// <summary>Gets the certificate and its issuer as the scripted CA sends them (PEM chain).</summary>
    public string Chain { get; }

    /// <summary>Gets the same certificates, DER.</summary>
    public IReadOnlyList<byte[]> ChainDer { get; }

    public static CaSubmission Submission => new CaSubmission(Csr, new[] { "Pool.Contoso.com", "web.contoso.com" }, null, 7);

    public AcmeCaClient Client(string? eabKeyId = null, string? eabHmacKey = null) =>
        new AcmeCaClient(new Uri(ScriptedAcmeServer.DirectoryUrl), Settings, Accounts, Challenges, eabKeyId, eabHmacKey, Verbose.Add, () => Server);

    public CaResult Submit(CancellationToken cancel = default) => Client().Submit(Submission, cancel);

    public static string Order(string status, string? certificate = null, string? error = null) =>
        "{\"status\":\"" + status + "\","
        + "\"identifiers\":[{\"type\":\"dns\",\"value\":\"pool.contoso.com\"},{\"type\":\"dns\",\"value\":\"web.contoso.com\"}],"
        + "\"authorizations\":[\"" + AuthorizationUrl + "\"],"
        + "\"finalize\":\"" + ScriptedAcmeServer.FinalizeUrl + "\""
        + (certificate == null ? string.Empty : ",\"certificate\":\"" + certificate + "\"")
        + (error == null ? string.Empty : ",\"error\":" + error)
        + "}";

    public static string Authorization(string status, string challengeStatus, string? challengeError = null) =>
        "{\"status\":\"" + status + "\",\"identifier\":{\"type\":\"dns\",\"value\":\"pool.contoso.com\"},\"expires\":\"2030-01-01T00:00:00Z\","
        + "\"challenges\":[{\"type\":\"http-01\",\"url\":\"" + ChallengeUrl + "\",\"token\":\"" + Token + "\",\"status\":\"" + challengeStatus + "\""
        + (challengeError == null ? string.Empty : ",\"error\":" + challengeError)
        + "}]}";

    public static string Problem(string shortType, string detail) =>
        "{\"type\":\"urn:ietf:params:acme:error:" + shortType + "\",\"detail\":\"" + detail + "\"}";

    /// <summary>A new order that is ready, finalized at once, and its certificate.</summary>
    public AcmeScenario ReadyOrderIssued()
    {
        Server.On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Created(ScriptedAcmeServer.OrderUrl, Order("ready")));
        return Finalized();
    }

    /// <summary>Finalize answers a valid order, whose certificate is <see cref="Chain"/>.</summary>
    public AcmeScenario Finalized()
    {
        Server.On("POST", ScriptedAcmeServer.FinalizeUrl, ScriptedAnswer.Json(Order("valid", ScriptedAcmeServer.CertificateUrl)));
        return Downloadable();
    }

    public AcmeScenario Downloadable()
    {
        Server.On("POST", ScriptedAcmeServer.CertificateUrl, ScriptedAnswer.Pem(Chain));
        return this;
    }

    /// <summary>The JWK thumbprint of the account key (RFC 7638), from the JWK the new-account request carried.</summary>
    public static string Thumbprint(string jwk)
    {
        using var sha = SHA256.Create();
        return Base64Url.Encode(sha.ComputeHash(Encoding.UTF8.GetBytes(jwk)));
    }

    public void Dispose() => _temp.Dispose();

    private static (string Pem, IReadOnlyList<byte[]> Der) IssuedChain()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Scripted ACME CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        using ECDsa leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 leaf = new CertificateRequest("CN=pool.contoso.com", leafKey, HashAlgorithmName.SHA256)
            .Create(ca, now.AddDays(-1), now.AddDays(29), new byte[] { 1, 2, 3 });
        return (leaf.ExportCertificatePem() + "\n" + ca.ExportCertificatePem() + "\n", new[] { leaf.RawData, ca.RawData });
    }
}
