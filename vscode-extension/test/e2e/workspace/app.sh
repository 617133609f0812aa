#!/bin/sh
echo "hello from app.sh"
