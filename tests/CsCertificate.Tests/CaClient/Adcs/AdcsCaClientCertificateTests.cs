// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using CsCertificate.CaClient;
using CsCertificate.Tests.TestInfrastructure;
using Moq;
using Xunit;

namespace CsCertificate.Tests.CaClient.Adcs;

public sealed class AdcsCaClientCertificateTests
{
    [Fact]
    public void AsksForABase64Pkcs7WithTheChain()
    {
        var chain = new TestChain();
        var ca = new FakeCa().Answers(3, certificate: TestChain.Base64(TestChain.Pkcs7(new[] { chain.Leaf, chain.Ca })));

        ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        ca.Api.Verify(a => a.GetCertificate(0x101), Times.Once());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void ReturnsEveryCertificateOfThePkcs7AsDer(int disposition)
    {
        var chain = new TestChain();
        var ca = new FakeCa().Answers(disposition, certificate: TestChain.Base64(TestChain.Pkcs7(new[] { chain.Leaf, chain.Ca })));

        CaResult result = ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(CaOutcome.Issued, result.Outcome);
        Assert.Equal("224", result.CaRequestId);
        Assert.Equal(Sorted(chain.Der), Sorted(result.Certificates));
    }

    [Fact]
    public void ReturnsTheCertificateOnPoll()
    {
        var chain = new TestChain();
        var ca = new FakeCa().Answers(3, certificate: TestChain.Base64(TestChain.Pkcs7(new[] { chain.Leaf, chain.Ca })));

        CaResult result = ca.Client().Poll("224", FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(CaOutcome.Issued, result.Outcome);
        Assert.Equal(Sorted(chain.Der), Sorted(result.Certificates));
    }

    [OpensslFact]
    public void ReadsAPkcs7MadeByOpenssl()
    {
        using var folder = new TempFolder();
        Openssl(folder, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "root.key", "-out", "root.pem", "-subj", "/CN=Contoso Root CA", "-days", "2");
        Openssl(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.pem", "-subj", "/CN=pool.contoso.com", "-days", "2");
        Openssl(folder, "crl2pkcs7", "-nocrl", "-certfile", "leaf.pem", "-certfile", "root.pem", "-outform", "DER", "-out", "chain.p7b");
        byte[][] expected = { PemToDer(folder.File("leaf.pem")), PemToDer(folder.File("root.pem")) };
        var ca = new FakeCa().Answers(3, certificate: TestChain.Base64(File.ReadAllBytes(folder.File("chain.p7b"))));

        CaResult result = ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(CaOutcome.Issued, result.Outcome);
        Assert.Equal(Sorted(expected), Sorted(result.Certificates));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("MIIBAAECAwQ=")]
    public void AnUnreadableAnswerFailsButKeepsTheRequestIdForARetrieve(string? answer)
    {
        var ca = new FakeCa().Answers(3, certificate: answer);

        CaResult result = ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(CaOutcome.Failed, result.Outcome);
        Assert.Equal("224", result.CaRequestId);
        Assert.Empty(result.Certificates);
        Assert.Contains("-Retrieve", result.Message, StringComparison.Ordinal);
        Assert.Contains("certreq -retrieve", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedOrDamagedPkcs7FailsCleanly()
    {
        var chain = new TestChain();
        byte[] pkcs7 = TestChain.Pkcs7(new[] { chain.Leaf, chain.Ca });
        var random = new Random(20260226);
        var answers = new List<byte[]>();
        for (int length = 1; length < pkcs7.Length; length += 7)
        {
            answers.Add(pkcs7.Take(length).ToArray());
        }

        for (int i = 0; i < 200; i++)
        {
            byte[] damaged = (byte[])pkcs7.Clone();
            damaged[random.Next(damaged.Length)] ^= (byte)(1 + random.Next(255));
            answers.Add(damaged);
        }

        foreach (byte[] answer in answers)
        {
            var ca = new FakeCa().Answers(3, certificate: Convert.ToBase64String(answer));

            CaResult result = ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

            // A flipped byte inside a signature still parses; anything else must be a clean failure.
            Assert.True(result.Outcome == CaOutcome.Issued || result.Outcome == CaOutcome.Failed, result.Outcome.ToString());
            Assert.Equal("224", result.CaRequestId);
        }
    }

    [Fact]
    public void APkcs7WithoutCertificatesFails()
    {
        var ca = new FakeCa().Answers(3, certificate: TestChain.Base64(TestChain.Pkcs7(Array.Empty<Org.BouncyCastle.X509.X509Certificate>())));

        CaResult result = ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(CaOutcome.Failed, result.Outcome);
        Assert.Equal("224", result.CaRequestId);
    }

    private static List<string> Sorted(IEnumerable<byte[]> certificates) =>
        certificates.Select(Convert.ToBase64String).OrderBy(s => s, StringComparer.Ordinal).ToList();

    private static byte[] PemToDer(string path)
    {
        string body = string.Concat(File.ReadAllLines(path).Where(line => !line.StartsWith("-----", StringComparison.Ordinal)));
        return Convert.FromBase64String(body);
    }

    private static void Openssl(TempFolder folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(OpensslFactAttribute.Find()!)
        {
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => output.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => output.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Assert.True(process.WaitForExit(60_000), "openssl did not finish in time");
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "openssl " + string.Join(" ", arguments) + " failed: " + output);
    }
}
