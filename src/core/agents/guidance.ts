/**
 * What an agent should know before it answers about TCP states and orphan sockets: the instructions the MCP
 * server sends at initialisation (skills/tcp-state-notes/SKILL.md says the same at length, with sources).
 * Facts as in the catalogue (shared/docs/tcp-orphan-facts.md). Pure.
 */
export const AGENT_INSTRUCTIONS = [
  'Answers about TCP states, orphan sockets and the sysctls, counters and kernel messages around them come from the catalogue, not from memory:',
  'call explain_tcp_state for a state or term in any spelling, summarize_socket_evidence for the ss/netstat/sockstat/nstat output in a note, and check_tcp_note for typos and wrong claims.',
  'Facts agents often get wrong: TIME-WAIT and CLOSE-WAIT sockets are not orphans (an orphan is a socket the application closed that TCP still holds: FIN-WAIT-1, FIN-WAIT-2, CLOSING, LAST-ACK);',
  'net.ipv4.tcp_fin_timeout bounds orphaned FIN-WAIT-2, it does not shorten TIME-WAIT (fixed at 60 s by TCP_TIMEWAIT_LEN);',
  'net.ipv4.tcp_tw_recycle was removed in Linux 4.12. Quote the sources the tools return.',
].join(' ');
