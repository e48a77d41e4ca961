#!/usr/bin/env node
import '../dist/qurl.js';
