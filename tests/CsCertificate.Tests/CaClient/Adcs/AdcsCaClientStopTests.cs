// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Linq;
using System.Reflection;
using System.Threading;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Adcs;
using Moq;
using Xunit;

namespace CsCertificate.Tests.CaClient.Adcs;

/// <summary>Ctrl+C and AD CS: a DCOM call cannot be interrupted, so the stop is honoured between calls.</summary>
public sealed class AdcsCaClientStopTests
{
    [Fact]
    public void AStopBeforeTheFirstCallSendsNothing()
    {
        var ca = new FakeCa().Answers(5);
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        CaResult result = ca.Client().Submit(FakeCa.Submission(), stop.Token);

        Assert.Equal(CaOutcome.Stopped, result.Outcome);
        Assert.Null(result.CaRequestId);
        ca.Factory.Verify(f => f.Create(), Times.Never());
    }

    [Fact]
    public void AStopDuringSubmitKeepsTheCaRequestIdAndAsksNothingMore()
    {
        var ca = new FakeCa().Answers(3, requestId: 224);
        using var stop = new CancellationTokenSource();
        ca.Api.Setup(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>())).Callback(stop.Cancel).Returns(3);

        CaResult result = ca.Client().Submit(FakeCa.Submission(), stop.Token);

        Assert.Equal(CaOutcome.Stopped, result.Outcome);
        Assert.Equal("224", result.CaRequestId);
        ca.Api.Verify(a => a.GetCertificate(It.IsAny<int>()), Times.Never());
        ca.Api.Verify(a => a.Dispose(), Times.Once());
    }

    [Fact]
    public void AStopDuringRetrieveKeepsTheRequestPendingAtTheCa()
    {
        var ca = new FakeCa().Answers(3);
        using var stop = new CancellationTokenSource();
        ca.Api.Setup(a => a.RetrievePending(It.IsAny<int>(), It.IsAny<string>())).Callback(stop.Cancel).Returns(3);

        CaResult result = ca.Client().Poll("224", FakeCa.Submission(), stop.Token);

        Assert.Equal(CaOutcome.Stopped, result.Outcome);
        Assert.Equal("224", result.CaRequestId);
        ca.Api.Verify(a => a.GetCertificate(It.IsAny<int>()), Times.Never());
    }

    [Fact]
    public void NoExplanationTellsTheUserToChangeMinusCa()
    {
        // -Retrieve shows these for a stored request, whose CA the user cannot pass again.
        var config = AdcsConfigString.Parse(FakeCa.Config);
        foreach (int code in typeof(AdcsStatusCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(int)).Select(f => (int)f.GetValue(null)!).Append(unchecked((int)0x80012345)))
        {
            string text = AdcsStatusCodes.Explain(code, config, "WebServer", null);
            Assert.DoesNotContain("-CA ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("-CA\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("-CA (", text, StringComparison.Ordinal);
            Assert.DoesNotContain("in -CA", text, StringComparison.Ordinal);
        }
    }
}
