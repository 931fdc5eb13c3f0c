// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// One command's answers to the challenges of its order: http-01 (<see cref="AcmeHttp01Validation"/>) or dns-01
/// (<see cref="AcmeDns01Validation"/>). Disposing it ends what the command serves or has published.
/// </summary>
internal interface IAcmeChallengeValidation : IDisposable
{
    /// <summary>Answers every pending authorization of a pending order and tells the CA to validate each once.</summary>
    /// <returns>A result when the order cannot be answered here (or not yet); null otherwise.</returns>
    CaResult? Answer(AcmeSession session, string orderUrl, AcmeOrder order);

    /// <summary>The order no longer needs answers (its authorizations are decided, or it is gone): its challenges go.</summary>
    void Finished(string orderUrl);
}
