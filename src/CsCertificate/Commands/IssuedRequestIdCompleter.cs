// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using CsCertificate.Model;

namespace CsCertificate.Commands;

/// <summary>
/// Completes the -RequestId of Export-CsCertificate and Update-CsCertificate with the Issued requests only: the
/// ones that have a certificate to export or renew.
/// </summary>
public sealed class IssuedRequestIdCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        RequestIdCompleter.Complete(wordToComplete, r => r.Status == RequestStatus.Issued);
}
