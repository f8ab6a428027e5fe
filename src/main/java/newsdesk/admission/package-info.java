/**
 * Subscriber admission, shared by every way in (SSE, WebSocket, the Mercure endpoint): finding and
 * checking Mercure JWTs and the audience and expiry they grant, the anonymous policy, connections
 * per client (the peer, or the client a trusted front forwarded for), the bounds on topics and
 * event ids, and the rate limits every way in shares (publishing, the API, push subscriptions,
 * sign-in). Depends on hub, http and config only, so each transport can use it without depending
 * on another.
 */
package newsdesk.admission;
