/**
 * The one place spout reaches zod (v4), used for private manifest schemas.
 * @module
 */
export { z } from "npm:zod@^4.1.12";
