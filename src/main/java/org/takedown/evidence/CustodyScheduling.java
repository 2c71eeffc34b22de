package org.takedown.evidence;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs {@link NightlyCustodyCheck} at takedown.evidence.verify-cron. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CustodyScheduling {}
