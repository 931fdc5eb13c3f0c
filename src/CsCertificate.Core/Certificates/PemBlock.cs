// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Certificates;

/// <summary>One -----BEGIN label----- ... -----END label----- block of a text file, not yet decoded.</summary>
/// <param name="Label">The label, such as CERTIFICATE or PKCS7.</param>
/// <param name="Line">The 1-based line of the BEGIN boundary, for messages.</param>
/// <param name="Body">The text between the boundaries: base64, possibly after RFC 1421 header lines.</param>
/// <param name="IsTerminated">Whether a matching END boundary was found.</param>
internal sealed record PemBlock(string Label, int Line, string Body, bool IsTerminated);
