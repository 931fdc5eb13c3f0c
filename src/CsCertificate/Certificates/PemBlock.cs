// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Certificates;

/// <summary>One -----BEGIN label----- ... -----END label----- block of a text file, not yet decoded.</summary>
internal sealed class PemBlock
{
    public PemBlock(string label, int line, string body, bool isTerminated)
    {
        Label = label;
        Line = line;
        Body = body;
        IsTerminated = isTerminated;
    }

    /// <summary>Gets the label, such as CERTIFICATE or PKCS7.</summary>
    public string Label { get; }

    /// <summary>Gets the 1-based line of the BEGIN boundary, for messages.</summary>
    public int Line { get; }

    /// <summary>Gets the text between the boundaries: base64, possibly after RFC 1421 header lines.</summary>
    public string Body { get; }

    /// <summary>Gets a value indicating whether a matching END boundary was found.</summary>
    public bool IsTerminated { get; }
}
