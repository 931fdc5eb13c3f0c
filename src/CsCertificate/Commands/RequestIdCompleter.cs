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
public sealed class RequestIdCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Complete(wordToComplete, _ => true);

    /// <summary>The stored requests that <paramref name="include"/> keeps whose id starts with the word typed.</summary>
    internal static IEnumerable<CompletionResult> Complete(string wordToComplete, System.Func<RequestRecord, bool> include)
    {
        IReadOnlyList<RequestRecord> records;
        try
        {
            records = ModuleServices.Create().Store(CompleterSession.CurrentFolder()).List().Records;
        }
        catch (CsCertificateException)
        {
            // Completion must stay quiet: a store that cannot be read offers nothing.
            return Enumerable.Empty<CompletionResult>();
        }

        return records
            .Where(include)
            .Where(r => r.RequestId.ToString(CultureInfo.InvariantCulture).StartsWith(wordToComplete ?? string.Empty, System.StringComparison.Ordinal))
            .Select(r => new CompletionResult(
                r.RequestId.ToString(CultureInfo.InvariantCulture),
                Messages.Format(Strings.CompletionRequestItem, r.RequestId, r.Status, string.Join(",", r.CertificateUses)),
                CompletionResultType.ParameterValue,
                Messages.Format(Strings.CompletionRequestTooltip, r.RequestId, r.Status, string.Join(",", r.CertificateUses), r.Subject)));
    }
}
