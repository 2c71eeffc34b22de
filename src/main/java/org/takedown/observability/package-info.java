/**
 * What an operator watches the engine by: health of the process engine and its job executor, the engine's job
 * figures and incidents as metrics. Each feature publishes the figures of its own data (operation, notice, evidence,
 * partner); this package reads only the engine.
 */
package org.takedown.observability;
