// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.DnsProtocol;

/// <summary>A DNS server could not be asked: no answer in time, a refused connection, or an answer that is not DNS.</summary>
internal sealed class DnsException : Exception
{
    public DnsException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
