/**
 * Subscriber admission, shared by every way in (SSE, WebSocket, the Mercure endpoint): finding and
 * checking Mercure JWTs and the audience and expiry they grant, the anonymous policy, connections
 * per client (the peer, or the client a trusted front forwarded for), and the bounds on topics and
 * event ids. Depends on hub, http and config only, so each transport can use it without depending
 * on another.
 */
package newsdesk.admission;
