// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.DnsProtocol;

/// <summary>A DNS server answered an UPDATE with an error, or with an answer whose signature does not verify.</summary>
internal sealed class DnsUpdateException : Exception
{
    public DnsUpdateException(string message, DnsResponseCode responseCode, DnsResponseCode tsigError, bool signatureInvalid)
        : base(message)
    {
        ResponseCode = responseCode;
        TsigError = tsigError;
        SignatureInvalid = signatureInvalid;
    }

    /// <summary>Gets the answer's response code.</summary>
    public DnsResponseCode ResponseCode { get; }

    /// <summary>Gets the error of the answer's TSIG record (BADKEY, BADSIG, BADTIME), or NoError.</summary>
    public DnsResponseCode TsigError { get; }

    /// <summary>Gets a value indicating whether the answer's signature did not verify: it cannot be trusted.</summary>
    public bool SignatureInvalid { get; }

    /// <summary>Gets a value indicating whether the server refused this client's right to update (REFUSED, NOTAUTH, a TSIG error).</summary>
    public bool IsRefusal =>
        ResponseCode == DnsResponseCode.Refused || ResponseCode == DnsResponseCode.NotAuth || TsigError != DnsResponseCode.NoError;
}
