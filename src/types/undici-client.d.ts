// undici's Client alone, without the rest of undici (fetch, cache, websocket): keeps start-up small.
declare module 'undici/lib/dispatcher/client.js' {
  import { Client } from 'undici';
  export default Client;
}
