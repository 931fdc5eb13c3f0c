// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// Adds and removes dns-01 TXT records through the -DnsScript, one call per record:
/// <c>&lt;script&gt; -Action Add|Remove -Name &lt;fqdn&gt; -Value &lt;txt&gt;</c>.
/// </summary>
internal sealed class ScriptChallengeUpdater : IDnsChallengeUpdater
{
    public const string AddAction = "Add";
    public const string RemoveAction = "Remove";

    private readonly string _script;
    private readonly IDnsScriptRunner _runner;
    private readonly Action<string> _verbose;

    public ScriptChallengeUpdater(string script, IDnsScriptRunner runner, Action<string> verbose)
    {
        _script = script;
        _runner = runner;
        _verbose = verbose;
    }

    public void Add(IReadOnlyList<AcmeChallengeRecord> records, CancellationToken cancel) => Run(AddAction, records, cancel);

    public void Remove(IReadOnlyList<AcmeChallengeRecord> records, CancellationToken cancel) => Run(RemoveAction, records, cancel);

    private void Run(string action, IReadOnlyList<AcmeChallengeRecord> records, CancellationToken cancel)
    {
        foreach (AcmeChallengeRecord record in records)
        {
            try
            {
                _runner.Run(_script, action, record.TxtName!, record.TxtValue!, _verbose, cancel);
            }
            catch (DnsScriptException ex)
            {
                throw new CsCertificateException(ErrorIds.DnsScriptFailed, ErrorKind.InvalidResult, Messages.Format(Strings.DnsScriptFailedMessage, _script, action, record.TxtName, ex.Message), _script, ex);
            }
        }
    }
}
