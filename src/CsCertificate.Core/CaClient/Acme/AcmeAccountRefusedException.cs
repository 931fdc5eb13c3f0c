// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// The ACME server will not create the account as -New described it: an External Account Binding is missing or
/// wrong. Only -New with other -CaAccount/-CaPassword can fix that; -Retrieve cannot take them.
/// </summary>
internal sealed class AcmeAccountRefusedException : Exception
{
    public AcmeAccountRefusedException(string? code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Gets the ACME error type the server gave, if it gave one.</summary>
    public string? Code { get; }
}
