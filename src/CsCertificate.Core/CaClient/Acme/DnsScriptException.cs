// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.CaClient.Acme;

/// <summary>The -DnsScript reported an error (or threw) for one record; the message is the script's.</summary>
internal sealed class DnsScriptException : Exception
{
    public DnsScriptException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
