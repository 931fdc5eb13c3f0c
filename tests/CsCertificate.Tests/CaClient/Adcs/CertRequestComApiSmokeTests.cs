// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;
using System.Threading;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Adcs;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.CaClient.Adcs;

/// <summary>
/// certcli.dll itself, on Windows, against a CA that does not exist: every ICertRequest2 method the client calls
/// goes through the hand-declared interface (a wrong vtable slot would crash or return nonsense), each failure is
/// a COMException whose HRESULT the client maps, and the strings come back as strings.
/// </summary>
public sealed class CertRequestComApiSmokeTests
{
    private const string NoCa = @"nonexistent.invalid\NoCA";

    [WindowsFact]
    public void EveryMethodTheClientCallsAnswersOrFailsWithAMappedHResult()
    {
        int submitted = ComThread.Run(() =>
        {
            using var api = new CertRequestComApi();
            var submit = Assert.Throws<COMException>(() => api.Submit(AdcsCaClient.SubmitFlags, Convert.ToBase64String(new byte[] { 0x30, 0x00 }), "CertificateTemplate:WebServer", NoCa));
            Assert.True(submit.HResult < 0);

            // After a failed Submit the object still answers the other calls, or fails them as COM failures.
            int status = CallOrHResult(api.GetLastStatus);
            int requestId = CallOrHResult(api.GetRequestId);
            Assert.True(requestId <= 0, "no request was stored");
            string? message = CallOrNull(api.GetDispositionMessage);
            Assert.True(message == null || message.Length < 4096);
            Assert.True(string.IsNullOrEmpty(CallOrNull(() => api.GetCertificate(AdcsCaClient.CertificateFlags))), "no certificate without a CA");
            _ = status;
            return submit.HResult;
        });

        Assert.NotEqual(CaOutcome.Issued, AdcsStatusCodes.OutcomeOf(submitted));
        int retrieved = ComThread.Run(() =>
        {
            using var api = new CertRequestComApi();
            return Assert.Throws<COMException>(() => api.RetrievePending(1, NoCa)).HResult;
        });
        Assert.True(retrieved < 0);
    }

    [WindowsFact]
    public void TheClientTurnsACaThatDoesNotExistIntoAnOutcomeWithItsCode()
    {
        var client = new AdcsCaClient(NoCa, null, null, null, new CertRequestComApiFactory(), new WindowsCredentialScope());

        CaResult submitted = client.Submit(new CaSubmission(new byte[] { 0x30, 0x00 }, new[] { "pool.contoso.com" }, null), CancellationToken.None);
        CaResult polled = client.Poll("1", new CaSubmission(new byte[] { 0x30, 0x00 }, new[] { "pool.contoso.com" }, null), CancellationToken.None);

        foreach (CaResult result in new[] { submitted, polled })
        {
            Assert.Contains(result.Outcome, new[] { CaOutcome.Unreachable, CaOutcome.Misconfigured, CaOutcome.Failed, CaOutcome.Denied });
            Assert.StartsWith("0x8", result.Code, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(result.Message));
        }
    }

    private static int CallOrHResult(Func<int> call)
    {
        try
        {
            return call();
        }
        catch (COMException ex)
        {
            return ex.HResult;
        }
    }

    private static string? CallOrNull(Func<string?> call)
    {
        try
        {
            return call();
        }
        catch (COMException)
        {
            return null;
        }
    }
}
