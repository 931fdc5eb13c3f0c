// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Adcs;
using Moq;

namespace CsCertificate.Tests.CaClient.Adcs;

/// <summary>
/// The mocked certcli seam of one test: a request object, its factory and a credential scope, recording the
/// order in which they are used.
/// </summary>
internal sealed class FakeCa
{
    public const string Config = @"ca01.contoso.com\Contoso Issuing CA";
    public const string Account = @"CONTOSO\svc-cert";
    public const string Password = "Tr0ub4dor&3-not-for-messages";

    // Any bytes do: the client must send them unchanged, whatever they hold.
    public static readonly byte[] Csr = { 0x30, 0x82, 0x01, 0x0A, 0x02, 0x01, 0x00, 0xFF, 0x10, 0x20, 0x7E, 0x3F };

    public FakeCa()
    {
        Api.Setup(a => a.Dispose()).Callback(() => Add("api.Dispose"));
        Factory.Setup(f => f.Create()).Callback(() => Add("factory.Create")).Returns(Api.Object);
        var scope = new Mock<IDisposable>();
        scope.Setup(s => s.Dispose()).Callback(() =>
        {
            Add("scope.Dispose");
            InScope = false;
        });
        Scope.Setup(s => s.Enter(It.IsAny<string>(), It.IsAny<string>())).Callback(() =>
        {
            Add("scope.Enter");
            InScope = true;
        }).Returns(scope.Object);
    }

    public Mock<ICertRequestApi> Api { get; } = new Mock<ICertRequestApi>();

    public Mock<ICertRequestApiFactory> Factory { get; } = new Mock<ICertRequestApiFactory>();

    public Mock<ICredentialScope> Scope { get; } = new Mock<ICredentialScope>();

    /// <summary>Gets what happened, in order: scope and factory events, and each CA call with whether it ran in the scope.</summary>
    public List<string> Events { get; } = new List<string>();

    /// <summary>Gets the thread and apartment of each event, in the order of <see cref="Events"/>.</summary>
    public List<(int Thread, ApartmentState Apartment)> Threads { get; } = new List<(int Thread, ApartmentState Apartment)>();

    public bool InScope { get; private set; }

    public static CaSubmission Submission(string? template = null) =>
        new CaSubmission(Csr, new[] { "pool.contoso.com", "meet.contoso.com" }, template);

    public AdcsCaClient Client(string? template = null, string? account = null, string? password = null) =>
        new AdcsCaClient(Config, template, account, password, Factory.Object, Scope.Object);

    /// <summary>Makes Submit and RetrievePending answer with a disposition, and the other calls with the given values.</summary>
    public FakeCa Answers(int disposition, int requestId = 224, int status = 0, string? message = null, string? certificate = null)
    {
        Api.Setup(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()))
            .Callback(() => Record("Submit")).Returns(disposition);
        Api.Setup(a => a.RetrievePending(It.IsAny<int>(), It.IsAny<string>()))
            .Callback(() => Record("RetrievePending")).Returns(disposition);
        Api.Setup(a => a.GetRequestId()).Callback(() => Record("GetRequestId")).Returns(requestId);
        Api.Setup(a => a.GetLastStatus()).Callback(() => Record("GetLastStatus")).Returns(status);
        Api.Setup(a => a.GetDispositionMessage()).Callback(() => Record("GetDispositionMessage")).Returns(message);
        Api.Setup(a => a.GetCertificate(It.IsAny<int>())).Callback(() => Record("GetCertificate")).Returns(certificate);
        return this;
    }

    private void Record(string call) => Add(call + (InScope ? " (in scope)" : string.Empty));

    private void Add(string happened)
    {
        Events.Add(happened);
        Threads.Add((Thread.CurrentThread.ManagedThreadId, Thread.CurrentThread.GetApartmentState()));
    }
}
