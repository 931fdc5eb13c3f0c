// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Adcs;
using Moq;
using Xunit;

namespace CsCertificate.Tests.CaClient.Adcs;

/// <summary>
/// -CaAccount reaches the CA only when the apartment-threaded request object lives, and is called, on the thread
/// that impersonates: logon, creation, every call, release and revert run on one dedicated thread, an STA on Windows.
/// </summary>
public sealed class AdcsCaClientThreadTests
{
    private static readonly ApartmentState s_expectedApartment = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ApartmentState.STA : ApartmentState.Unknown;

    [Fact]
    public void SubmitDoesEverythingOnOneThreadOfItsOwnInsideTheScope()
    {
        var ca = new FakeCa().Answers(3, certificate: TestChain.Base64(TestChain.Pkcs7(new[] { new TestChain().Leaf })));

        CaResult result = ca.Client(account: FakeCa.Account, password: FakeCa.Password).Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(CaOutcome.Issued, result.Outcome);
        Assert.Equal(
            new[] { "scope.Enter", "factory.Create", "Submit (in scope)", "GetRequestId (in scope)", "GetCertificate (in scope)", "api.Dispose", "scope.Dispose" },
            ca.Events);
        AssertOneComThread(ca);
    }

    [Fact]
    public void PollDoesEverythingOnOneThreadOfItsOwnInsideTheScope()
    {
        var ca = new FakeCa().Answers(2, status: unchecked((int)0x80094012), message: "Denied");

        ca.Client(account: FakeCa.Account, password: FakeCa.Password).Poll("224", FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(
            new[] { "scope.Enter", "factory.Create", "RetrievePending (in scope)", "GetLastStatus (in scope)", "GetDispositionMessage (in scope)", "api.Dispose", "scope.Dispose" },
            ca.Events);
        AssertOneComThread(ca);
    }

    [Fact]
    public void WithoutAnAccountTheCallsRunOnTheComThreadToo()
    {
        var ca = new FakeCa().Answers(5, message: "Taken Under Submission");

        CaResult result = ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(CaOutcome.Pending, result.Outcome);
        Assert.Equal(new[] { "factory.Create", "Submit", "GetRequestId", "GetDispositionMessage", "api.Dispose" }, ca.Events);
        AssertOneComThread(ca);
    }

    [Fact]
    public void AStopBetweenCallsOnTheComThreadStillEndsTheOperationAndKeepsTheCaId()
    {
        var ca = new FakeCa().Answers(3, requestId: 224);
        using var stop = new CancellationTokenSource();
        ca.Api.Setup(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()))
            .Callback(() =>
            {
                ca.Events.Add("Submit (in scope)");
                ca.Threads.Add((Thread.CurrentThread.ManagedThreadId, Thread.CurrentThread.GetApartmentState()));
                stop.Cancel();
            })
            .Returns(3);

        CaResult result = ca.Client(account: FakeCa.Account, password: FakeCa.Password).Submit(FakeCa.Submission(), stop.Token);

        Assert.Equal(CaOutcome.Stopped, result.Outcome);
        Assert.Equal("224", result.CaRequestId);
        Assert.Equal(new[] { "scope.Enter", "factory.Create", "Submit (in scope)", "GetRequestId (in scope)", "api.Dispose", "scope.Dispose" }, ca.Events);
        AssertOneComThread(ca);
    }

    [Fact]
    public void WhatTheComThreadThrowsIsThrownToTheCallerWithItsType()
    {
        var ca = new FakeCa().Answers(3);
        ca.Api.Setup(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()))
            .Throws(new InvalidOperationException("boom"));

        var ex = Assert.Throws<InvalidOperationException>(() => ca.Client(account: FakeCa.Account, password: FakeCa.Password).Submit(FakeCa.Submission(), CancellationToken.None));

        Assert.Equal("boom", ex.Message);
        Assert.Equal("scope.Dispose", ca.Events.Last());
        AssertOneComThread(ca);
    }

    [Fact]
    public void EachOperationHasAThreadOfItsOwn()
    {
        var ca = new FakeCa().Answers(5);
        AdcsCaClient client = ca.Client(account: FakeCa.Account, password: FakeCa.Password);

        client.Submit(FakeCa.Submission(), CancellationToken.None);
        int first = ca.Threads[0].Thread;
        client.Poll("224", FakeCa.Submission(), CancellationToken.None);

        Assert.NotEqual(first, ca.Threads.Last().Thread);
    }

    private static void AssertOneComThread(FakeCa ca)
    {
        Assert.Equal(ca.Events.Count, ca.Threads.Count);
        int thread = ca.Threads[0].Thread;
        Assert.NotEqual(Thread.CurrentThread.ManagedThreadId, thread);
        Assert.All(ca.Threads, t =>
        {
            Assert.Equal(thread, t.Thread);
            Assert.Equal(s_expectedApartment, t.Apartment);
        });
    }
}
