// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CsCertificate.Common;
using CsCertificate.Resources;
using CsCertificate.Store;

namespace CsCertificate.Commands;

/// <summary>
/// Completes -RequestId from the stored requests, with their uses and status as the tooltip.
/// </summary>
public class RequestIdCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<RequestRecord> records;
        try
        {
            records = new RequestStore(StoreLocation.Resolve(CsCertificateCommandBase.Environment.GetEnvironmentVariable, CompleterSession.CurrentFolder())).List().Records;
        }
        catch (CsCertificateException)
        {
            // Completion must stay quiet: a store that cannot be read offers nothing.
            return Enumerable.Empty<CompletionResult>();
        }

        return records
            .Where(Offers)
            .Where(r => r.RequestId.ToString(CultureInfo.InvariantCulture).StartsWith(wordToComplete ?? string.Empty, System.StringComparison.Ordinal))
            .Select(r => new CompletionResult(
                r.RequestId.ToString(CultureInfo.InvariantCulture),
                Messages.Format(Strings.CompletionRequestItem, r.RequestId, r.Status, string.Join(",", r.CertificateUses)),
                CompletionResultType.ParameterValue,
                Messages.Format(Strings.CompletionRequestTooltip, r.RequestId, r.Status, string.Join(",", r.CertificateUses), r.Subject)));
    }

    /// <summary>Whether a stored request is offered: every one here.</summary>
    internal virtual bool Offers(RequestRecord record) => true;
}
