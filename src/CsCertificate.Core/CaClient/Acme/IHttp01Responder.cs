// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// A running http-01 responder (see <see cref="Http01Responder.Start"/>): it answers until it is disposed.
/// </summary>
internal interface IHttp01Responder : IDisposable
{
    /// <summary>Gets the number of challenge requests answered with a key authorization.</summary>
    int Answered { get; }
}
